-- +goose Up
-- The change log is read only by seq (the feed, the followers, webhooks'
-- replays, exports' last change, MAX(seq)): no query looks a change up by
-- its entity, so the index on (entity, entity_id) served nothing and cost
-- every write two index entries (a place is an actor and a service), most
-- visible on a first import (issue 11, item 6). EXPLAIN QUERY PLAN of each
-- of those queries uses the primary key alone (README, import performance).
-- A record's history is read from audit_events, which keeps its index.
DROP INDEX IF EXISTS changes_entity;

-- +goose Down
CREATE INDEX changes_entity ON changes (entity, entity_id);
