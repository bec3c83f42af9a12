-- +goose Up
-- checked_on of a record a sync or an import stored without the producer's
-- date (date_maj, producer_updated_on) is only the day it was stored:
-- nobody is known to have checked the place then, and it must not count as
-- fresh (models.Actor.CheckedOnUndated). A whole file without dates made
-- every place of it look freshly checked. Records synced before this
-- migration without a producer's date are marked: they cannot be told from
-- those a person confirmed since, and the mark errs on the honest side
-- (the next change by a person, or a producer's date, clears it).
ALTER TABLE actors ADD COLUMN checked_on_undated BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE actors SET checked_on_undated = TRUE WHERE source <> '' AND producer_updated_on = '';

-- +goose Down
ALTER TABLE actors DROP COLUMN checked_on_undated;
