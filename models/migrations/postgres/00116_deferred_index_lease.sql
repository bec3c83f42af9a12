-- +goose Up
-- PostgreSQL twin of ../00116_deferred_index_lease.sql (PostgreSQL's
-- imports defer no index; the table is kept alike).
ALTER TABLE deferred_indexes ADD COLUMN holder text NOT NULL DEFAULT '';
ALTER TABLE deferred_indexes ADD COLUMN lease_until timestamptz;

-- +goose Down
ALTER TABLE deferred_indexes DROP COLUMN lease_until;
ALTER TABLE deferred_indexes DROP COLUMN holder;
