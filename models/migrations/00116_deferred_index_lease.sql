-- +goose Up
-- The import that dropped a deferred index (models/deferred_index.go)
-- holds it under a lease it renews in each of its transactions: a server
-- running beside it creates the indexes of an import whose lease lapsed
-- (its process died) without waiting for its own next start, and never
-- those of an import still running. A row without holder (written before
-- this migration) counts as lapsed.
ALTER TABLE deferred_indexes ADD COLUMN holder TEXT NOT NULL DEFAULT '';
ALTER TABLE deferred_indexes ADD COLUMN lease_until TIMESTAMP;

-- +goose Down
ALTER TABLE deferred_indexes DROP COLUMN lease_until;
ALTER TABLE deferred_indexes DROP COLUMN holder;
