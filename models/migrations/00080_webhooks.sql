-- +goose Up
-- Webhooks for partners (issue 14, item 4): subscriptions to the change log
-- and the deliveries a worker sends to them. See models/webhook.go.

-- A subscription: where to send (url), what (filters: JSON arrays, empty for
-- every value), signed with which secret, and how its endpoint fares. Its
-- owner is a partner client or an administrator's account.
CREATE TABLE webhook_subscriptions (
    id                     TEXT PRIMARY KEY,
    owner_kind             TEXT NOT NULL,              -- 'client' or 'user'
    owner_id               TEXT NOT NULL,
    owner_label            TEXT NOT NULL DEFAULT '',
    url                    TEXT NOT NULL,
    description            TEXT NOT NULL DEFAULT '',
    secret                 TEXT NOT NULL,              -- whsec_…: Carnet signs with it, so it is kept as is
    previous_secret        TEXT NOT NULL DEFAULT '',   -- still signed with until previous_secret_until (rotation)
    previous_secret_until  TIMESTAMP,
    entities               TEXT NOT NULL DEFAULT '[]',
    ops                    TEXT NOT NULL DEFAULT '[]',
    sources                TEXT NOT NULL DEFAULT '[]',
    departements           TEXT NOT NULL DEFAULT '[]',
    communes               TEXT NOT NULL DEFAULT '[]',
    active                 INTEGER NOT NULL DEFAULT 1,
    disabled_reason        TEXT NOT NULL DEFAULT '',   -- set when Carnet disabled it
    disabled_at            TIMESTAMP,
    disabled_seq           INTEGER NOT NULL DEFAULT 0, -- the log's last seq then: replay after it to get what was missed
    start_seq              INTEGER NOT NULL,           -- changes after this seq are sent
    failing_since          TIMESTAMP,                  -- first failure since the last success
    consecutive_failures   INTEGER NOT NULL DEFAULT 0, -- failures of the endpoint in a row
    paused_until           TIMESTAMP,                  -- the endpoint failed: nothing is sent before
    last_success_at        TIMESTAMP,
    last_failure_at        TIMESTAMP,
    last_error             TEXT NOT NULL DEFAULT '',
    given_up               INTEGER NOT NULL DEFAULT 0, -- deliveries given up past the maximum age
    replay_generation      INTEGER NOT NULL DEFAULT 0,
    replay_after           INTEGER NOT NULL DEFAULT 0, -- a replay queues the changes after this seq…
    replay_until           INTEGER NOT NULL DEFAULT 0, -- …up to this one (none when after >= until)
    version                INTEGER NOT NULL DEFAULT 1,
    created_at             TIMESTAMP NOT NULL,
    updated_at             TIMESTAMP NOT NULL
);
CREATE INDEX webhook_subscriptions_owner ON webhook_subscriptions (owner_kind, owner_id);

-- One change to send to one subscription. The payload is rendered when the
-- change is fanned out (the record's public view then) and signed at each
-- attempt. Deliveries of one record go out one at a time, in seq order; a
-- worker claims a delivery with a lease, as the e-mail outbox does.
CREATE TABLE webhook_deliveries (
    id               TEXT PRIMARY KEY,                 -- webhook-id: the same on every attempt
    subscription_id  TEXT NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    generation       INTEGER NOT NULL DEFAULT 0,       -- 0 live, n the subscription's nth replay
    seq              INTEGER NOT NULL,                 -- the change log's seq
    entity           TEXT NOT NULL,
    entity_id        TEXT NOT NULL,
    op               TEXT NOT NULL,
    payload          TEXT NOT NULL,
    state            TEXT NOT NULL,                    -- 'pending', 'sending', 'delivered', 'failed'
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMP NOT NULL,
    lease_owner      TEXT NOT NULL DEFAULT '',
    lease_until      TIMESTAMP,
    last_attempt_at  TIMESTAMP,
    response_status  INTEGER NOT NULL DEFAULT 0,       -- the last HTTP status; 0 without an answer
    response_excerpt TEXT NOT NULL DEFAULT '',         -- the first 200 characters of the last answer's body
    duration_ms      INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT NOT NULL DEFAULT '',
    created_at       TIMESTAMP NOT NULL,
    finished_at      TIMESTAMP
);
CREATE UNIQUE INDEX webhook_deliveries_change ON webhook_deliveries (subscription_id, generation, seq);
CREATE INDEX webhook_deliveries_queue ON webhook_deliveries (state, next_attempt_at);
CREATE INDEX webhook_deliveries_record ON webhook_deliveries (subscription_id, entity_id, seq);
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (subscription_id, id);
CREATE INDEX webhook_deliveries_created ON webhook_deliveries (created_at);

-- +goose Down
DROP TABLE webhook_deliveries;
DROP TABLE webhook_subscriptions;
