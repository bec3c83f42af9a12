-- +goose Up
-- PostgreSQL twin of ../00070_referral_followup.sql.
ALTER TABLE users ADD COLUMN job_title text NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN professional_email text NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN professional_phone text NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN deleted_at timestamptz;

ALTER TABLE referrals ADD COLUMN handler_id text NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN forwarded_from_id text NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN forwarded_to_id text NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN reminded_status text NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN reminded_at timestamptz;
CREATE INDEX referrals_service ON referrals (to_service_id, created_at);
CREATE INDEX referrals_sender ON referrals (sender_id, created_at);
CREATE INDEX referrals_forwarded_from ON referrals (forwarded_from_id) WHERE forwarded_from_id <> '';

ALTER TABLE referral_events ADD COLUMN kind text NOT NULL DEFAULT 'status';

-- Personal data: erased with the referral (see personalTables in
-- models/dialect_postgres.go for what VACUUM reclaims after retention).
CREATE TABLE referral_messages (
    id              text PRIMARY KEY,
    referral_id     text NOT NULL REFERENCES referrals (id),
    author_id       text NOT NULL,
    author_actor_id text NOT NULL,
    body            text NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX referral_messages_referral ON referral_messages (referral_id, id);

-- +goose Down
DROP TABLE referral_messages;
ALTER TABLE referral_events DROP COLUMN kind;
DROP INDEX referrals_forwarded_from;
DROP INDEX referrals_sender;
DROP INDEX referrals_service;
ALTER TABLE referrals DROP COLUMN reminded_at;
ALTER TABLE referrals DROP COLUMN reminded_status;
ALTER TABLE referrals DROP COLUMN forwarded_to_id;
ALTER TABLE referrals DROP COLUMN forwarded_from_id;
ALTER TABLE referrals DROP COLUMN handler_id;
ALTER TABLE users DROP COLUMN deleted_at;
ALTER TABLE users DROP COLUMN professional_phone;
ALTER TABLE users DROP COLUMN professional_email;
ALTER TABLE users DROP COLUMN job_title;
