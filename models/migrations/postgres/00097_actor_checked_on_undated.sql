-- +goose Up
-- PostgreSQL twin of ../00097_actor_checked_on_undated.sql.
-- checked_on of a record a sync or an import stored without the producer's
-- date is only the day it was stored: it must not count as fresh
-- (models.Actor.CheckedOnUndated). Records synced before this migration
-- without a producer's date are marked (the next change by a person, or a
-- producer's date, clears it).
ALTER TABLE actors ADD COLUMN checked_on_undated boolean NOT NULL DEFAULT false;
UPDATE actors SET checked_on_undated = true WHERE source <> '' AND producer_updated_on = '';

-- +goose Down
ALTER TABLE actors DROP COLUMN checked_on_undated;
