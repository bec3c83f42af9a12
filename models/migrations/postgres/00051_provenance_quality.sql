-- +goose Up
-- PostgreSQL twin of ../00051_provenance_quality.sql.
ALTER TABLE actors ADD COLUMN producer text NOT NULL DEFAULT '';
ALTER TABLE actors ADD COLUMN producer_updated_on text NOT NULL DEFAULT '';  -- YYYY-MM-DD
ALTER TABLE actors ADD COLUMN checked_on text NOT NULL DEFAULT '';           -- YYYY-MM-DD
ALTER TABLE actors ADD COLUMN quality double precision NOT NULL DEFAULT -1;
ALTER TABLE actors ADD COLUMN quality_missing jsonb NOT NULL DEFAULT '[]';
-- The day of updated_at in UTC, as SQLite's substr of the stored text.
UPDATE actors SET checked_on = to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD');
CREATE INDEX actors_unscored ON actors (id) WHERE quality < 0;

-- +goose Down
DROP INDEX actors_unscored;
ALTER TABLE actors DROP COLUMN quality_missing;
ALTER TABLE actors DROP COLUMN quality;
ALTER TABLE actors DROP COLUMN checked_on;
ALTER TABLE actors DROP COLUMN producer_updated_on;
ALTER TABLE actors DROP COLUMN producer;
