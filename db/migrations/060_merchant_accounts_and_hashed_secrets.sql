-- Merchants of their own (issue 13).
--
-- A merchant account has one row per mode: a live row (key_live_…) and a test row (key_test_…)
-- sharing account_id. Every object belongs to one row through merchant_id, so a key never sees
-- the other mode's objects and no query of the objects changes. A row inserted without
-- account_id is an account of its own (the seeded test merchant is one).
--
-- API secrets are kept only as a salted SHA-256: 'sha256$' || salt || '$' || hex(sha256(salt ||
-- secret)), salt 32 hex characters. The trigger hashes any secret written in the clear (the seed,
-- an operator's hand-written UPDATE), so no secret rests in the table whatever wrote it;
-- gateway-admin writes the hash itself and never sends a secret to the database.
ALTER TABLE merchants
    ADD COLUMN account_id uuid,
    ADD COLUMN livemode boolean NOT NULL DEFAULT false,
    -- After `gateway-admin key rotate` the previous secret is accepted until it expires.
    ADD COLUMN previous_api_secret text,
    ADD COLUMN previous_api_secret_expires_at timestamptz,
    ADD CONSTRAINT merchants_previous_api_secret
        CHECK ((previous_api_secret IS NULL) = (previous_api_secret_expires_at IS NULL)),
    ADD CONSTRAINT merchants_key_mode
        CHECK (livemode = (api_key LIKE 'key\_live\_%'));

-- One email per account and mode (an account's two rows share it).
ALTER TABLE merchants DROP CONSTRAINT merchants_email_key;
ALTER TABLE merchants ADD CONSTRAINT merchants_email_mode UNIQUE (email, livemode);

CREATE FUNCTION merchants_before_write() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    salt text;
BEGIN
    NEW.account_id := coalesce(NEW.account_id, NEW.id);
    IF NEW.api_secret !~ '^sha256\$[0-9a-f]{32}\$[0-9a-f]{64}$' THEN
        salt := replace(gen_random_uuid()::text, '-', '');
        NEW.api_secret := 'sha256$' || salt || '$'
                          || encode(sha256(convert_to(salt || NEW.api_secret, 'UTF8')), 'hex');
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER merchants_before_write BEFORE INSERT OR UPDATE ON merchants
    FOR EACH ROW EXECUTE FUNCTION merchants_before_write();

-- Converts the rows there are: hashes their secrets and gives each its account.
UPDATE merchants SET api_secret = api_secret;
ALTER TABLE merchants ALTER COLUMN account_id SET NOT NULL;
ALTER TABLE merchants ADD CONSTRAINT merchants_api_secret_hashed
    CHECK (api_secret ~ '^sha256\$[0-9a-f]{32}\$[0-9a-f]{64}$');
ALTER TABLE merchants ADD CONSTRAINT merchants_previous_api_secret_hashed
    CHECK (previous_api_secret ~ '^sha256\$[0-9a-f]{32}\$[0-9a-f]{64}$');
CREATE INDEX merchants_by_account ON merchants (account_id);
