-- +goose Up
-- E-mail notifications and self sign-up (issue 15).

-- The kinds of notification an account turned off (a JSON array); every
-- kind is on by default.
ALTER TABLE users ADD COLUMN notifications_off TEXT NOT NULL DEFAULT '[]';

-- The outbox: e-mails to send, written in the same transaction as the change
-- they tell about, sent by a worker that claims rows with a lease. A row's id
-- is also its Message-ID, so that a message sent again after a crash (at
-- least once) can be recognised by the receiving side.
CREATE TABLE outbox (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    user_id         TEXT NOT NULL DEFAULT '',   -- the recipient's account; '' for an address without one
    to_email        TEXT NOT NULL,
    params          TEXT NOT NULL DEFAULT '{}', -- what the template needs; emptied once sent or given up
    state           TEXT NOT NULL,              -- 'pending', 'sending', 'sent', 'failed'
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    lease_owner     TEXT NOT NULL DEFAULT '',
    lease_until     TIMESTAMP,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    sent_at         TIMESTAMP
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_user ON outbox (user_id);
CREATE INDEX outbox_created ON outbox (created_at);

-- Self sign-ups waiting for their e-mail to be verified. The account is
-- created only when the link is followed; rows expire after a day.
CREATE TABLE signups (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL,
    display_name  TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    token_hash    TEXT NOT NULL UNIQUE,
    actor_id      TEXT NOT NULL DEFAULT '',     -- a structure to ask to join once verified
    message       TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL,
    expires_at    TIMESTAMP NOT NULL
);
CREATE INDEX signups_email ON signups (email);
CREATE INDEX signups_expires ON signups (expires_at);

-- +goose Down
DROP TABLE signups;
DROP TABLE outbox;
ALTER TABLE users DROP COLUMN notifications_off;
