-- +goose Up
-- Snapshot sessions (models/snapshot_store.go): a partner with more records
-- than one sync batch holds sends its whole set in several batches that join
-- a session (PUT /sync/{source}/actors?snapshot_id=…); completing the session
-- archives the source's live records absent from all of them. The state is
-- here, not in a process, so that batches may reach any replica.

-- A session: at most one live per source (an expired one is purged before
-- another is opened, in the same transaction). It expires 24 hours after
-- its last batch (expires_at). actors_sent and services_sent say which kinds
-- it received batches of (even empty ones): completing it archives only
-- those kinds, as a single-batch snapshot covers the kinds it carries.
CREATE TABLE sync_snapshot_sessions (
    id             TEXT PRIMARY KEY,
    source         TEXT NOT NULL UNIQUE,
    opened_at      TIMESTAMP NOT NULL,
    last_batch_at  TIMESTAMP,
    expires_at     TIMESTAMP NOT NULL,
    batches        INTEGER NOT NULL DEFAULT 0,
    actors_sent    INTEGER NOT NULL DEFAULT 0,
    services_sent  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sync_snapshot_sessions_expires ON sync_snapshot_sessions (expires_at);

-- Every source_id a batch of the session carried (rejected records too: a
-- snapshot keeps a rejected record's stored version), once per entity.
CREATE TABLE sync_snapshot_keys (
    session_id TEXT NOT NULL REFERENCES sync_snapshot_sessions (id) ON DELETE CASCADE,
    entity     TEXT NOT NULL,                      -- 'actor' or 'service'
    source_id  TEXT NOT NULL,
    PRIMARY KEY (session_id, entity, source_id)
);

-- +goose Down
DROP TABLE sync_snapshot_keys;
DROP TABLE sync_snapshot_sessions;
