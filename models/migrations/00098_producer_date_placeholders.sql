-- +goose Up
-- A producer's date before models.ProducerDateFloor (2000-01-01) is a
-- tool's zero date (1969-12-31, 1900-01-01…), not a day anyone checked the
-- place: since the floor, an import reads such a date_maj as no date and
-- the API refuses it. Actors stored before keep one, and a sync made it
-- their checked_on, so that they are exported « checked in 1969 ». They are
-- read as a fresh import reads them: no producer's date, and a checked_on
-- that came from the placeholder becomes the day the record was last stored
-- (updated_at, as 00051 did), marked undated (checked_on_undated, 00097:
-- never fresh, until a producer's date or a person's change). A checked_on
-- a person set since stays. The stored quality score has no freshness part
-- (it is added on reading from checked_on and checked_on_undated): nothing
-- to score again. Archived actors too: restoring one reads it the same way
-- (RestoreActor).
UPDATE actors SET checked_on = substr(updated_at, 1, 10), checked_on_undated = TRUE
 WHERE checked_on <> '' AND checked_on < '2000-01-01';
UPDATE actors SET producer_updated_on = ''
 WHERE producer_updated_on <> '' AND producer_updated_on < '2000-01-01';

-- +goose Down
-- The placeholders are not restored: they were never dates.
SELECT 1;
