-- +goose Up
-- PostgreSQL twin of ../00012_idempotency_commit.sql.
DROP TABLE idempotency_keys;
CREATE TABLE idempotency_keys (
    scope        text NOT NULL,
    key_hash     text NOT NULL,
    request_hash text NOT NULL,
    state        text NOT NULL,
    owner        text NOT NULL,
    claim_token  text NOT NULL,
    claimed_at   timestamptz NOT NULL,
    entity       text NOT NULL DEFAULT '',
    entity_id    text NOT NULL DEFAULT '',
    status       integer NOT NULL DEFAULT 0,
    headers      text NOT NULL DEFAULT '{}',
    body         bytea,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (scope, key_hash)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- +goose Down
DROP TABLE idempotency_keys;
CREATE TABLE idempotency_keys (
    scope        text NOT NULL,
    key          text NOT NULL,
    request_hash text NOT NULL,
    state        text NOT NULL,
    status       integer NOT NULL DEFAULT 0,
    headers      text NOT NULL DEFAULT '{}',
    body         bytea,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
