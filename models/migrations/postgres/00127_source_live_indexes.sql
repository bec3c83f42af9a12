-- +goose Up
-- PostgreSQL twin of ../00127_source_live_indexes.sql.
DROP INDEX IF EXISTS actors_source_live;
DROP INDEX IF EXISTS services_source_live;

-- +goose Down
CREATE INDEX actors_source_live ON actors (source, source_id) WHERE archived_at IS NULL AND source_id <> '';
CREATE INDEX services_source_live ON services (source, source_id) WHERE archived_at IS NULL AND source_id <> '';
