-- +goose Up
-- PostgreSQL twin of ../00071_notifications.sql. Several replicas' workers
-- claim outbox rows with the same conditional UPDATE as on SQLite.
ALTER TABLE users ADD COLUMN notifications_off jsonb NOT NULL DEFAULT '[]';

CREATE TABLE outbox (
    id              text PRIMARY KEY,
    kind            text NOT NULL,
    user_id         text NOT NULL DEFAULT '',
    to_email        text NOT NULL,
    params          text NOT NULL DEFAULT '{}',
    state           text NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    lease_owner     text NOT NULL DEFAULT '',
    lease_until     timestamptz,
    last_error      text NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_user ON outbox (user_id);
CREATE INDEX outbox_created ON outbox (created_at);

CREATE TABLE signups (
    id            text PRIMARY KEY,
    email         text NOT NULL,
    display_name  text NOT NULL DEFAULT '',
    password_hash text NOT NULL,
    token_hash    text NOT NULL UNIQUE,
    actor_id      text NOT NULL DEFAULT '',
    message       text NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL
);
CREATE INDEX signups_email ON signups (email);
CREATE INDEX signups_expires ON signups (expires_at);

-- +goose Down
DROP TABLE signups;
DROP TABLE outbox;
ALTER TABLE users DROP COLUMN notifications_off;
