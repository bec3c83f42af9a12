-- +goose Up
-- Provenance and freshness (issue 11): who produced a record (the standard's
-- « source » column, or the partner itself), the producer's own date of the
-- record (date_maj) as it sent it, and the date Carnet last knew the record
-- correct: the producer's date on a sync, the day of the change when a
-- person writes it. Exports write the producer's date and id, not Carnet's.
ALTER TABLE actors ADD COLUMN producer TEXT NOT NULL DEFAULT '';
ALTER TABLE actors ADD COLUMN producer_updated_on TEXT NOT NULL DEFAULT '';  -- YYYY-MM-DD
ALTER TABLE actors ADD COLUMN checked_on TEXT NOT NULL DEFAULT '';           -- YYYY-MM-DD
-- The quality score without its freshness part (which depends on the day it
-- is read), and the criteria missing; -1 until scored (rows written before
-- this migration are scored when the service starts).
ALTER TABLE actors ADD COLUMN quality REAL NOT NULL DEFAULT -1;
ALTER TABLE actors ADD COLUMN quality_missing TEXT NOT NULL DEFAULT '[]';
UPDATE actors SET checked_on = substr(updated_at, 1, 10);
-- Coordinators' lists of stale records go through actors_departement and
-- the INSEE code index: no index of their own, every import pays for each.
CREATE INDEX actors_unscored ON actors (id) WHERE quality < 0;

-- +goose Down
DROP INDEX actors_unscored;
ALTER TABLE actors DROP COLUMN quality_missing;
ALTER TABLE actors DROP COLUMN quality;
ALTER TABLE actors DROP COLUMN checked_on;
ALTER TABLE actors DROP COLUMN producer_updated_on;
ALTER TABLE actors DROP COLUMN producer;
