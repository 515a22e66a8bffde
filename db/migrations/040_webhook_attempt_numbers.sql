-- A manual retry starts a new round of attempts (`attempts` counts the round, SPEC.md), but the
-- attempt history keeps counting: attempt_base is the number of attempts made before this round,
-- so attempt n of the round is recorded as attempt_base + n.
ALTER TABLE webhook_logs ADD COLUMN attempt_base integer NOT NULL DEFAULT 0 CHECK (attempt_base >= 0);
