-- +goose Up
-- PostgreSQL twin of ../00122_change_moved_from.sql.
ALTER TABLE changes ADD COLUMN moved_from text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE changes DROP COLUMN moved_from;
