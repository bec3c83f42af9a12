-- +goose Up
-- PostgreSQL twin of ../00089_service_keys.sql.
-- Keys the service draws once and keeps, shared by every replica
-- (models/feed_key.go): the referral feed's keyed permutation of seqs.
CREATE TABLE service_keys (
    name       text PRIMARY KEY,
    value      text NOT NULL,
    created_at timestamptz NOT NULL
);

-- +goose Down
DROP TABLE service_keys;
