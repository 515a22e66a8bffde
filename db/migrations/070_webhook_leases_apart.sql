-- A delivery's lease moves out of webhook_logs into a narrow table of its own (issue 27).
--
-- The claim used to set webhook_logs.lease_until (migration 020): a second version of a ~1 kB row
-- (the payload travels with every version) with an entry in each of the log's six indexes, since
-- a page filled by inserts had no room for a HOT update. That was 1.5 kB of WAL and a quarter of
-- PostgreSQL's statement time per delivery in bench/end-to-end. A lease is now a row here,
-- inserted by the claim and deleted with the attempt's record: one narrow row and one index
-- entry. Rows live only while a delivery is under way (or until a dead worker's lease expires and
-- the next claim takes it over), so the table stays small; it is vacuumed by the count of dead
-- rows, not by their share of a table that is nearly empty. No foreign key: its check would lock
-- the log's row (a write) at every claim, and a lease of a log that is gone holds nothing.
CREATE TABLE webhook_leases (
    log_id      uuid PRIMARY KEY,
    lease_until timestamptz NOT NULL
) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000);
