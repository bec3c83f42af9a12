-- +goose Up
-- PostgreSQL twin of ../00013_suggestion_base.sql.
ALTER TABLE suggestions ADD COLUMN base_values text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE suggestions DROP COLUMN base_values;
