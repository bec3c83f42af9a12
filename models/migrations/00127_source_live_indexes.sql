-- +goose Up
-- actors_source_live and services_source_live (migration 00005) held the
-- live keys of each source, but every query that read them reads the table
-- row too (id, hashes, names and addresses are not in them), so the unique
-- source keys (source, source_id) or actors_live_source serve each with the
-- same search: a snapshot's list of the source's live records, the ids of
-- an import's rows, whether a source holds a live place (issue 11, items 6
-- and 3; the plans of every query the tests issue, README « fifty-first
-- session »). Each cost every insert and update of a record one B-tree
-- more, and a first import their rebuild at its end (see deferIndexes).
DROP INDEX IF EXISTS actors_source_live;
DROP INDEX IF EXISTS services_source_live;
-- An import that died between dropping its deferred indexes and creating
-- them again left them absent and recorded (see deferIndexes): dropped for
-- good, they are no longer to be created again.
DELETE FROM deferred_indexes WHERE name IN ('actors_source_live', 'services_source_live');

-- +goose Down
CREATE INDEX actors_source_live ON actors (source, source_id) WHERE archived_at IS NULL AND source_id <> '';
CREATE INDEX services_source_live ON services (source, source_id) WHERE archived_at IS NULL AND source_id <> '';
