-- A payment whose payment.created and payment.pending events are left to the worker: the API may
-- insert it with events_pending = true instead of writing the two events itself. The worker, when
-- it takes the payment's job, writes both events (and their webhook jobs) and clears the flag in
-- one transaction, under the row's lock, so each event is written exactly once and before the
-- outcome's. A constant default: no table rewrite, and today's rows (events written) are false.
ALTER TABLE payments ADD COLUMN events_pending boolean NOT NULL DEFAULT false;
