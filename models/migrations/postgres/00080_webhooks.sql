-- +goose Up
-- PostgreSQL twin of ../00080_webhooks.sql. Workers of every replica claim
-- deliveries with the same conditional UPDATE as on SQLite; the fan-out
-- locks its cursor row (change_cursors) so that one replica at a time turns
-- a change into deliveries.
CREATE TABLE webhook_subscriptions (
    id                     text PRIMARY KEY,
    owner_kind             text NOT NULL,
    owner_id               text NOT NULL,
    owner_label            text NOT NULL DEFAULT '',
    url                    text NOT NULL,
    description            text NOT NULL DEFAULT '',
    secret                 text NOT NULL,
    previous_secret        text NOT NULL DEFAULT '',
    previous_secret_until  timestamptz,
    entities               jsonb NOT NULL DEFAULT '[]',
    ops                    jsonb NOT NULL DEFAULT '[]',
    sources                jsonb NOT NULL DEFAULT '[]',
    departements           jsonb NOT NULL DEFAULT '[]',
    communes               jsonb NOT NULL DEFAULT '[]',
    active                 boolean NOT NULL DEFAULT true,
    disabled_reason        text NOT NULL DEFAULT '',
    disabled_at            timestamptz,
    disabled_seq           bigint NOT NULL DEFAULT 0,
    start_seq              bigint NOT NULL,
    failing_since          timestamptz,
    consecutive_failures   integer NOT NULL DEFAULT 0,
    paused_until           timestamptz,
    last_success_at        timestamptz,
    last_failure_at        timestamptz,
    last_error             text NOT NULL DEFAULT '',
    given_up               bigint NOT NULL DEFAULT 0,
    replay_generation      integer NOT NULL DEFAULT 0,
    replay_after           bigint NOT NULL DEFAULT 0,
    replay_until           bigint NOT NULL DEFAULT 0,
    version                bigint NOT NULL DEFAULT 1,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL
);
CREATE INDEX webhook_subscriptions_owner ON webhook_subscriptions (owner_kind, owner_id);

CREATE TABLE webhook_deliveries (
    id               text PRIMARY KEY,
    subscription_id  text NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    generation       integer NOT NULL DEFAULT 0,
    seq              bigint NOT NULL,
    entity           text NOT NULL,
    entity_id        text NOT NULL,
    op               text NOT NULL,
    payload          text NOT NULL,
    state            text NOT NULL,
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    lease_owner      text NOT NULL DEFAULT '',
    lease_until      timestamptz,
    last_attempt_at  timestamptz,
    response_status  integer NOT NULL DEFAULT 0,
    response_excerpt text NOT NULL DEFAULT '',
    duration_ms      integer NOT NULL DEFAULT 0,
    last_error       text NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL,
    finished_at      timestamptz
);
CREATE UNIQUE INDEX webhook_deliveries_change ON webhook_deliveries (subscription_id, generation, seq);
CREATE INDEX webhook_deliveries_queue ON webhook_deliveries (state, next_attempt_at);
CREATE INDEX webhook_deliveries_record ON webhook_deliveries (subscription_id, entity_id, seq);
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (subscription_id, id);
CREATE INDEX webhook_deliveries_created ON webhook_deliveries (created_at);

-- +goose Down
DROP TABLE webhook_deliveries;
DROP TABLE webhook_subscriptions;
