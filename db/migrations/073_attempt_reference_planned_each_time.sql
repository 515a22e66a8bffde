-- An attempt's reference to its log (migration 071's statement trigger) is checked by a query
-- planned at every call, on the tables as they are then (issue 27).
--
-- A PL/pgSQL query without parameters is planned once per session and that plan is kept until
-- the table's statistics change (VACUUM, ANALYZE). The worker's session records its first
-- attempts while webhook_logs is still small, so the check was planned as a hash join over a
-- sequential scan of every log, and kept that plan as the table grew: in bench/end-to-end each
-- recording statement read all of webhook_logs (60,000 rows after 30 s), 150 µs of PostgreSQL
-- time per payment and growing with the table, until autovacuum came by. Planned at each call,
-- the check looks up each new attempt's log by primary key (one plan per recording statement of
-- hundreds of rows). The function is otherwise the same: the same refusal (SQLSTATE 23503), the
-- same FOR KEY SHARE lock of each referenced log, for every writer of webhook_attempts.
CREATE OR REPLACE FUNCTION webhook_attempts_logs_exist() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing bigint;
BEGIN
    EXECUTE 'SELECT (SELECT count(DISTINCT log_id) FROM new_attempts) - count(*)'
         || ' FROM (SELECT 1 FROM webhook_logs l WHERE l.id IN (SELECT log_id FROM new_attempts)'
         || ' FOR KEY SHARE OF l) s'
        INTO missing;
    IF missing <> 0 THEN
        RAISE foreign_key_violation USING MESSAGE =
            'insert or update on table "webhook_attempts" violates its reference to "webhook_logs"';
    END IF;
    RETURN NULL;
END
$$;
