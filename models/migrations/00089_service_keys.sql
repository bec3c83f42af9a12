-- +goose Up
-- Keys the service draws once and keeps, shared by every replica
-- (models/feed_key.go). The first: the referral feed shows each event's seq
-- under a keyed permutation, so that a structure following its feed cannot
-- count, from the gaps between its own events, the referrals the rest of
-- the platform sent, answered or wrote about meanwhile (sec12).
CREATE TABLE service_keys (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE service_keys;
