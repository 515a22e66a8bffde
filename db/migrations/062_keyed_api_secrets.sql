-- API secrets as a keyed hash (issue 13): 'hmac-sha256$' || salt || '$' || hex(HMAC-SHA256(key,
-- sha256(salt || secret))), the key held by the gateway's processes (API_SECRET_HASH_KEY) and
-- never stored here, so this table alone cannot test a guessed secret (core/secrethash.h).
--
-- The database cannot compute that form, so 060's trigger, which hashed clear-text secrets, now
-- refuses any secret that is not in it: secrets are written by gateway-admin or the gateway.
-- Rows still in 060's 'sha256$…' form are converted by the process that applies the migrations,
-- with its key, right after them and under the same lock (store/secretkeystore.h); the inner
-- SHA-256 is 060's digest, so no clear secret is needed.
--
-- api_secret_hash_key remembers the fingerprint of the key the secrets were hashed with (an HMAC
-- of a fixed label, which reveals nothing of the key), so that a process given another key stops
-- at start-up with a clear message instead of refusing every merchant.
CREATE TABLE api_secret_hash_key (
    only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    fingerprint text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{16}$'),
    created_at  timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE merchants
    DROP CONSTRAINT merchants_api_secret_hashed,
    DROP CONSTRAINT merchants_previous_api_secret_hashed;

CREATE FUNCTION merchants_require_keyed(secret text, col text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF secret !~ '^hmac-sha256\$[0-9a-f]{32}\$[0-9a-f]{64}$' THEN
        RAISE EXCEPTION 'merchants.% takes only a keyed hash (hmac-sha256$<salt>$<mac>), never a '
                        'secret: create and rotate secrets with gateway-admin', col
            USING ERRCODE = 'check_violation';
    END IF;
END
$$;

-- Only a secret being written is checked, so rows not converted yet stay writable.
CREATE OR REPLACE FUNCTION merchants_before_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.account_id := coalesce(NEW.account_id, NEW.id);
    IF TG_OP = 'INSERT' OR NEW.api_secret IS DISTINCT FROM OLD.api_secret THEN
        PERFORM merchants_require_keyed(NEW.api_secret, 'api_secret');
    END IF;
    IF TG_OP = 'INSERT' OR NEW.previous_api_secret IS DISTINCT FROM OLD.previous_api_secret THEN
        PERFORM merchants_require_keyed(NEW.previous_api_secret, 'previous_api_secret');
    END IF;
    RETURN NEW;
END
$$;
