-- +goose Up
-- PostgreSQL twin of ../00088_drop_changes_entity.sql.
-- The change log is read only by seq (the feed, the followers, webhooks'
-- replays, exports' last change, MAX(seq)): no query looks a change up by
-- its entity, so the index on (entity, entity_id) served nothing and cost
-- every write two index entries (a place is an actor and a service).
DROP INDEX IF EXISTS changes_entity;

-- +goose Down
CREATE INDEX changes_entity ON changes (entity, entity_id);
