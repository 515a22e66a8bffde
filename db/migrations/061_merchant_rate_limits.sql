-- Per-key rate limits (issue 13): a token bucket in Redis shared by every API process, refilled at
-- rate_limit_per_second up to rate_limit_burst. NULL: unlimited (the seeded test merchant, so the
-- seeds' behaviour and the benchmarks are unchanged); gateway-admin gives new accounts a default.
ALTER TABLE merchants
    ADD COLUMN rate_limit_per_second integer CHECK (rate_limit_per_second BETWEEN 1 AND 1000000),
    ADD COLUMN rate_limit_burst integer CHECK (rate_limit_burst BETWEEN 1 AND 1000000),
    ADD CONSTRAINT merchants_rate_limit_whole
        CHECK ((rate_limit_per_second IS NULL) = (rate_limit_burst IS NULL));
