-- +goose Up
-- Referrals (orientations): a helper of one structure sends a person to
-- another structure's service. The person's data lives only in the
-- person_* and free-text columns of referrals, which retention erases;
-- referral_events keeps the lifecycle (who, when) without personal data.

-- Set when a structure stops taking referrals for a service.
ALTER TABLE services ADD COLUMN referrals_closed INTEGER NOT NULL DEFAULT 0;

CREATE TABLE referrals (
    id                  TEXT PRIMARY KEY,
    from_actor_id       TEXT NOT NULL REFERENCES actors (id),
    sender_id           TEXT NOT NULL REFERENCES users (id),
    to_service_id       TEXT NOT NULL REFERENCES services (id),
    to_actor_id         TEXT NOT NULL REFERENCES actors (id),
    themes              TEXT NOT NULL DEFAULT '[]',
    -- Personal data, erased by retention:
    situation           TEXT NOT NULL DEFAULT '',
    person_first_name   TEXT NOT NULL DEFAULT '',
    person_last_name    TEXT NOT NULL DEFAULT '',
    contact_channel     TEXT NOT NULL,          -- 'phone', 'email' or 'referent'
    contact_value       TEXT NOT NULL DEFAULT '',
    availability        TEXT NOT NULL DEFAULT '',
    message             TEXT NOT NULL DEFAULT '',
    refusal_details     TEXT NOT NULL DEFAULT '',
    -- Consent and the referent's commitment to the data-protection rules:
    consent_on          TEXT NOT NULL,          -- YYYY-MM-DD
    referent_commitment INTEGER NOT NULL,
    status              TEXT NOT NULL,
    refusal_reason      TEXT NOT NULL DEFAULT '',
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL,
    accepted_at         TIMESTAMP,
    closed_at           TIMESTAMP,
    anonymized_at       TIMESTAMP,
    version             INTEGER NOT NULL
);
CREATE INDEX referrals_from ON referrals (from_actor_id, created_at);
CREATE INDEX referrals_to ON referrals (to_actor_id, created_at);
CREATE INDEX referrals_open ON referrals (status, created_at) WHERE closed_at IS NULL;
CREATE INDEX referrals_retention ON referrals (closed_at) WHERE anonymized_at IS NULL;

CREATE TABLE referral_events (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    referral_id   TEXT NOT NULL REFERENCES referrals (id),
    from_actor_id TEXT NOT NULL,            -- copied so feeds filter without a join
    to_actor_id   TEXT NOT NULL,
    status        TEXT NOT NULL,            -- the status entered
    by_user_id    TEXT NOT NULL DEFAULT '', -- '' for the system (expiry)
    by_actor_id   TEXT NOT NULL DEFAULT '', -- the structure on whose behalf
    reason        TEXT NOT NULL DEFAULT '', -- a refusal reason code; never free text
    at            TIMESTAMP NOT NULL
);
CREATE INDEX referral_events_referral ON referral_events (referral_id, seq);
CREATE INDEX referral_events_from ON referral_events (from_actor_id, seq);
CREATE INDEX referral_events_to ON referral_events (to_actor_id, seq);

-- +goose Down
DROP TABLE referral_events;
DROP TABLE referrals;
ALTER TABLE services DROP COLUMN referrals_closed;
