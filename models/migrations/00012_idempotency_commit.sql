-- +goose Up
-- Idempotency that survives a crash (issue 12). The key is stored as a hash
-- (the raw key encrypts the stored answer, so the table alone reveals no
-- body); a claim has an owner and a token, and the write it protects binds
-- the key (state 'committed', with the created record) in its own
-- transaction: after a crash, a retry either finds the committed record or
-- takes over a claim whose write never committed. Keys live a day: the old
-- table is dropped rather than converted.
DROP TABLE idempotency_keys;
CREATE TABLE idempotency_keys (
    scope        TEXT NOT NULL,          -- who sent it: 'user:<id>' or 'client:<id>'
    key_hash     TEXT NOT NULL,          -- SHA-256 of scope and key
    request_hash TEXT NOT NULL,          -- SHA-256 of method, path and body
    state        TEXT NOT NULL,          -- 'pending', 'committed' (the write committed), 'done' (the answer is stored)
    owner        TEXT NOT NULL,          -- the process that claimed it
    claim_token  TEXT NOT NULL,          -- changes when a retry takes over an abandoned claim
    claimed_at   TIMESTAMP NOT NULL,
    entity       TEXT NOT NULL DEFAULT '',
    entity_id    TEXT NOT NULL DEFAULT '',
    status       INTEGER NOT NULL DEFAULT 0,
    headers      TEXT NOT NULL DEFAULT '{}',
    body         BLOB,                   -- AES-GCM under a key derived from the raw Idempotency-Key
    created_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (scope, key_hash)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- +goose Down
DROP TABLE idempotency_keys;
CREATE TABLE idempotency_keys (
    scope        TEXT NOT NULL,
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    state        TEXT NOT NULL,
    status       INTEGER NOT NULL DEFAULT 0,
    headers      TEXT NOT NULL DEFAULT '{}',
    body         BLOB,
    created_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
