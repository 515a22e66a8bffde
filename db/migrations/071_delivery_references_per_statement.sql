-- The two references written at every event and every delivery attempt are checked once per
-- statement instead of once per row (issue 27). A foreign key checks each new row with its own
-- query through SPI (a plan's start, a lock, an index look-up): in bench/end-to-end those checks
-- took about a third of PostgreSQL's CPU, two thirds of them for webhook_logs.merchant_id (each
-- event) and webhook_attempts.log_id (each attempt), whose rows come 250-500 to a statement.
--
-- What the foreign keys guaranteed still holds, by the triggers below:
-- - a new log's merchant and a new attempt's log exist, and are locked FOR KEY SHARE until the
--   end of the transaction (as the foreign key's check does), so a concurrent delete of the
--   referenced row waits and then meets the new row; a missing one fails the statement with
--   foreign_key_violation (23503);
-- - deleting a merchant that has webhook logs fails the same way (NO ACTION); deleting a log
--   deletes its attempts (ON DELETE CASCADE);
-- - the referencing and referenced ids never change (the foreign keys' ON UPDATE NO ACTION; no
--   code changes them): an UPDATE that changes one fails. These are column triggers, so the
--   worker's updates of logs, which never set these columns, do not fire them.
ALTER TABLE webhook_logs DROP CONSTRAINT webhook_logs_merchant_id_fkey;
ALTER TABLE webhook_attempts DROP CONSTRAINT webhook_attempts_log_id_fkey;

CREATE FUNCTION webhook_logs_merchants_exist() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    wanted bigint;
    found bigint;
BEGIN
    SELECT count(DISTINCT merchant_id) INTO wanted FROM new_logs;
    SELECT count(*) INTO found FROM (SELECT 1 FROM merchants m
        WHERE m.id IN (SELECT merchant_id FROM new_logs) FOR KEY SHARE OF m) s;
    IF found <> wanted THEN
        RAISE foreign_key_violation USING MESSAGE =
            'insert or update on table "webhook_logs" violates its reference to "merchants"';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER webhook_logs_merchants_exist AFTER INSERT ON webhook_logs
    REFERENCING NEW TABLE AS new_logs FOR EACH STATEMENT
    EXECUTE FUNCTION webhook_logs_merchants_exist();

CREATE FUNCTION webhook_attempts_logs_exist() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    wanted bigint;
    found bigint;
BEGIN
    SELECT count(DISTINCT log_id) INTO wanted FROM new_attempts;
    SELECT count(*) INTO found FROM (SELECT 1 FROM webhook_logs l
        WHERE l.id IN (SELECT log_id FROM new_attempts) FOR KEY SHARE OF l) s;
    IF found <> wanted THEN
        RAISE foreign_key_violation USING MESSAGE =
            'insert or update on table "webhook_attempts" violates its reference to "webhook_logs"';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER webhook_attempts_logs_exist AFTER INSERT ON webhook_attempts
    REFERENCING NEW TABLE AS new_attempts FOR EACH STATEMENT
    EXECUTE FUNCTION webhook_attempts_logs_exist();

CREATE FUNCTION webhook_logs_attempts_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM webhook_attempts a USING gone_logs g WHERE a.log_id = g.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER webhook_logs_attempts_cascade AFTER DELETE ON webhook_logs
    REFERENCING OLD TABLE AS gone_logs FOR EACH STATEMENT
    EXECUTE FUNCTION webhook_logs_attempts_cascade();

CREATE FUNCTION merchants_logs_restrict() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM webhook_logs l JOIN gone_merchants g ON l.merchant_id = g.id) THEN
        RAISE foreign_key_violation USING MESSAGE =
            'delete on table "merchants" violates the reference from "webhook_logs"';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER merchants_logs_restrict AFTER DELETE ON merchants
    REFERENCING OLD TABLE AS gone_merchants FOR EACH STATEMENT
    EXECUTE FUNCTION merchants_logs_restrict();

CREATE FUNCTION delivery_references_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE foreign_key_violation USING MESSAGE =
        format('%I.%I is a reference and does not change', TG_TABLE_NAME, TG_ARGV[0]);
END
$$;
CREATE TRIGGER webhook_logs_merchant_fixed BEFORE UPDATE OF merchant_id ON webhook_logs
    FOR EACH ROW WHEN (OLD.merchant_id IS DISTINCT FROM NEW.merchant_id)
    EXECUTE FUNCTION delivery_references_fixed('merchant_id');
CREATE TRIGGER webhook_logs_id_fixed BEFORE UPDATE OF id ON webhook_logs
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id)
    EXECUTE FUNCTION delivery_references_fixed('id');
CREATE TRIGGER webhook_attempts_log_fixed BEFORE UPDATE OF log_id ON webhook_attempts
    FOR EACH ROW WHEN (OLD.log_id IS DISTINCT FROM NEW.log_id)
    EXECUTE FUNCTION delivery_references_fixed('log_id');
CREATE TRIGGER merchants_id_fixed BEFORE UPDATE OF id ON merchants
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id)
    EXECUTE FUNCTION delivery_references_fixed('id');
