-- +goose Up
-- PostgreSQL twin of ../00092_sync_snapshot_sessions.sql.
-- Snapshot sessions (models/snapshot_store.go): a source's whole set sent in
-- several sync batches, whose completion archives the source's live records
-- absent from all of them. State in the database, shared by every replica.
CREATE TABLE sync_snapshot_sessions (
    id             text PRIMARY KEY,
    source         text NOT NULL UNIQUE,
    opened_at      timestamptz NOT NULL,
    last_batch_at  timestamptz,
    expires_at     timestamptz NOT NULL,
    batches        bigint NOT NULL DEFAULT 0,
    actors_sent    boolean NOT NULL DEFAULT false,
    services_sent  boolean NOT NULL DEFAULT false
);
CREATE INDEX sync_snapshot_sessions_expires ON sync_snapshot_sessions (expires_at);

-- Every source_id a batch of the session carried, once per entity.
CREATE TABLE sync_snapshot_keys (
    session_id text NOT NULL REFERENCES sync_snapshot_sessions (id) ON DELETE CASCADE,
    entity     text NOT NULL,
    source_id  text NOT NULL,
    PRIMARY KEY (session_id, entity, source_id)
);

-- +goose Down
DROP TABLE sync_snapshot_keys;
DROP TABLE sync_snapshot_sessions;
