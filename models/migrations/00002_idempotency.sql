-- +goose Up
-- Responses of POST requests sent with an Idempotency-Key, so that a client
-- retrying after a timeout gets the first answer instead of a duplicate.
-- Rows are scoped by caller and expire after a day.
CREATE TABLE idempotency_keys (
    scope        TEXT NOT NULL,          -- who sent it: 'user:<id>' or 'client:<id>'
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,          -- SHA-256 of method, path and body
    state        TEXT NOT NULL,          -- 'pending' while the first request runs, then 'done'
    status       INTEGER NOT NULL DEFAULT 0,
    headers      TEXT NOT NULL DEFAULT '{}',
    body         BLOB,
    created_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- +goose Down
DROP TABLE idempotency_keys;
