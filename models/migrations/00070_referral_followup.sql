-- +goose Up
-- Referrals people can work with (issue 15): who is on the other side, a
-- conversation per referral, forwarding, reminders and the no_outcome rule.

-- What an account chooses to share with the structures it exchanges
-- referrals with (a job title, a professional e-mail or phone), and its
-- deletion: a deleted account keeps its row, emptied, so that referrals and
-- histories that name it read « compte supprimé ».
ALTER TABLE users ADD COLUMN job_title TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN professional_email TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN professional_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN deleted_at TIMESTAMP;

-- handler_id: the member of the receiving structure who accepted it ('' before).
ALTER TABLE referrals ADD COLUMN handler_id TEXT NOT NULL DEFAULT '';
-- A forwarded referral points to the new one it became, and the new one
-- back to it. Both are plain ids: each side reads only the referrals of
-- its own structures.
ALTER TABLE referrals ADD COLUMN forwarded_from_id TEXT NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN forwarded_to_id TEXT NOT NULL DEFAULT '';
-- The status in which the last reminder was sent ('' if none): one reminder
-- per status, so that a referral is never recalled twice for the same wait.
ALTER TABLE referrals ADD COLUMN reminded_status TEXT NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN reminded_at TIMESTAMP;
CREATE INDEX referrals_service ON referrals (to_service_id, created_at);
CREATE INDEX referrals_sender ON referrals (sender_id, created_at);
CREATE INDEX referrals_forwarded_from ON referrals (forwarded_from_id) WHERE forwarded_from_id <> '';

-- What an event is: a status change ('status', the only kind before), a
-- message posted ('message', never its text) or a reminder ('reminder').
ALTER TABLE referral_events ADD COLUMN kind TEXT NOT NULL DEFAULT 'status';

-- Messages between the two structures about one referral. Personal data:
-- the same visibility as the referral, deleted by retention with it.
CREATE TABLE referral_messages (
    id              TEXT PRIMARY KEY,
    referral_id     TEXT NOT NULL REFERENCES referrals (id),
    author_id       TEXT NOT NULL,
    author_actor_id TEXT NOT NULL,          -- the structure on whose behalf
    body            TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL
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
