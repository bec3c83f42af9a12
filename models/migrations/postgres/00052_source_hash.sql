-- +goose Up
-- PostgreSQL twin of ../00052_source_hash.sql.
ALTER TABLE actors ADD COLUMN source_hash text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE actors DROP COLUMN source_hash;
