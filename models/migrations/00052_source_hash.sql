-- +goose Up
-- An import remembers, for each place, a hash of the row it read (with the
-- version of the mapping), as long as the place and its services are what
-- that import made of the row: any other write clears it. A re-import of an
-- identical row is then recognised without mapping it again (issue 11:
-- unchanged re-syncs at the speed of reading the file).
ALTER TABLE actors ADD COLUMN source_hash TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE actors DROP COLUMN source_hash;
