-- The system of record. Constraints carry real rules so that a bug in the code cannot store a
-- state the contract forbids (an over-refund, a capture of a failed payment, a foreign object).

CREATE TABLE merchants (
    id                      uuid PRIMARY KEY,
    name                    text NOT NULL,
    email                   text NOT NULL UNIQUE,
    api_key                 text NOT NULL UNIQUE,
    api_secret              text NOT NULL,
    webhook_url             text,
    webhook_secret          text NOT NULL,
    -- After a rotation the previous secret keeps signing until it expires (24 h overlap).
    previous_webhook_secret text,
    previous_secret_expires_at timestamptz,
    is_active               boolean NOT NULL DEFAULT true,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CHECK (webhook_secret LIKE 'whsec\_%'),
    CHECK ((previous_webhook_secret IS NULL) = (previous_secret_expires_at IS NULL))
);

CREATE TABLE orders (
    id          text PRIMARY KEY CHECK (id ~ '^order_[A-Za-z0-9]{16}$'),
    merchant_id uuid NOT NULL REFERENCES merchants (id),
    amount      bigint NOT NULL CHECK (amount >= 100),
    currency    text NOT NULL DEFAULT 'INR' CHECK (currency ~ '^[A-Z]{3}$'),
    receipt     text,
    notes       jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(notes) = 'object'),
    status      text NOT NULL DEFAULT 'created' CHECK (status IN ('created', 'paid')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_by_merchant ON orders (merchant_id, created_at DESC, id DESC);

CREATE TABLE payments (
    id                text PRIMARY KEY CHECK (id ~ '^pay_[A-Za-z0-9]{16}$'),
    order_id          text NOT NULL REFERENCES orders (id),
    merchant_id       uuid NOT NULL REFERENCES merchants (id),
    amount            bigint NOT NULL CHECK (amount > 0),
    currency          text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    method            text NOT NULL CHECK (method IN ('upi', 'card')),
    vpa               text,
    card_network      text CHECK (card_network IN ('visa', 'mastercard', 'amex', 'rupay', 'unknown')),
    card_last4        text CHECK (card_last4 ~ '^[0-9]{4}$'),
    status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'success', 'failed')),
    captured          boolean NOT NULL DEFAULT false,
    -- Refunds processed, and refunds reserved (pending + processed): the second can never pass
    -- the amount, so no interleaving of refund requests can over-refund.
    amount_refunded   bigint NOT NULL DEFAULT 0,
    refunds_reserved  bigint NOT NULL DEFAULT 0,
    error_code        text,
    error_description text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (0 <= amount_refunded AND amount_refunded <= refunds_reserved AND refunds_reserved <= amount),
    CHECK (NOT captured OR status = 'success'),
    CHECK (refunds_reserved = 0 OR status = 'success'),
    CHECK ((method = 'upi' AND vpa IS NOT NULL AND card_last4 IS NULL AND card_network IS NULL)
        OR (method = 'card' AND vpa IS NULL AND card_last4 IS NOT NULL AND card_network IS NOT NULL))
);
CREATE INDEX payments_by_merchant ON payments (merchant_id, created_at DESC, id DESC);
CREATE INDEX payments_by_status ON payments (merchant_id, status, created_at DESC);
CREATE INDEX payments_by_method ON payments (merchant_id, method, created_at DESC);
CREATE INDEX payments_by_order ON payments (order_id);

CREATE TABLE refunds (
    id           text PRIMARY KEY CHECK (id ~ '^rfnd_[A-Za-z0-9]{16}$'),
    payment_id   text NOT NULL REFERENCES payments (id),
    merchant_id  uuid NOT NULL REFERENCES merchants (id),
    amount       bigint NOT NULL CHECK (amount > 0),
    reason       text,
    status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processed')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    processed_at timestamptz,
    CHECK ((status = 'processed') = (processed_at IS NOT NULL))
);
CREATE INDEX refunds_by_merchant ON refunds (merchant_id, created_at DESC, id DESC);
CREATE INDEX refunds_by_payment ON refunds (payment_id, created_at DESC);

-- One row per event per merchant: the delivery log the API lists and the console shows.
CREATE TABLE webhook_logs (
    id              uuid PRIMARY KEY,
    merchant_id     uuid NOT NULL REFERENCES merchants (id),
    event_id        text NOT NULL UNIQUE CHECK (event_id ~ '^evt_[A-Za-z0-9]{16}$'),
    event           text NOT NULL CHECK (event IN ('payment.created', 'payment.pending',
                        'payment.success', 'payment.failed', 'refund.created', 'refund.processed',
                        'webhook.test')),
    -- The exact bytes that are signed and sent, kept so that every retry sends the same body.
    payload         text NOT NULL,
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'success', 'failed')),
    attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_attempt_at timestamptz,
    next_retry_at   timestamptz,
    response_code   integer,
    response_body   text
);
CREATE INDEX webhook_logs_by_merchant ON webhook_logs (merchant_id, created_at DESC, id DESC);
CREATE INDEX webhook_logs_by_status ON webhook_logs (merchant_id, status, created_at DESC);
CREATE INDEX webhook_logs_by_event ON webhook_logs (merchant_id, event, created_at DESC);
CREATE INDEX webhook_logs_due ON webhook_logs (next_retry_at) WHERE status = 'pending';

CREATE TABLE webhook_attempts (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    log_id         uuid NOT NULL REFERENCES webhook_logs (id) ON DELETE CASCADE,
    attempt_number integer NOT NULL CHECK (attempt_number >= 1),
    attempted_at   timestamptz NOT NULL DEFAULT now(),
    response_code  integer,
    response_body  text,
    error          text,
    duration_ms    integer
);
CREATE INDEX webhook_attempts_by_log ON webhook_attempts (log_id, attempted_at);

-- Idempotency-Key records: merchant + key, kept 24 h. While `response_status` is NULL the first
-- request is still running.
CREATE TABLE idempotency_keys (
    merchant_id     uuid NOT NULL REFERENCES merchants (id),
    key             text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_hash    text NOT NULL,
    response_status integer,
    response_body   bytea,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL DEFAULT now() + interval '24 hours',
    PRIMARY KEY (merchant_id, key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

-- The transactional outbox: a job row commits together with the object it works on, so a job
-- whose object exists is never lost, whatever happens to Redis or a process afterwards. Redis
-- is the fast path; the worker's sweeper re-queues rows that Redis does not know about.
CREATE TABLE jobs (
    id          text PRIMARY KEY CHECK (id ~ '^job_[A-Za-z0-9]{16}$'),
    kind        text NOT NULL CHECK (kind IN ('payment', 'refund', 'webhook')),
    subject_id  text NOT NULL,
    state       text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'done')),
    run_at      timestamptz NOT NULL DEFAULT now(),
    created_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    CHECK ((state = 'done') = (finished_at IS NOT NULL))
);
CREATE INDEX jobs_unfinished ON jobs (run_at) WHERE state = 'queued';
CREATE INDEX jobs_by_subject ON jobs (subject_id);
