-- +goose Up
-- PostgreSQL twin of ../00095_forwarded_from_sent_at.sql.
-- A forwarded referral keeps when the forwarding structure received the
-- person's data (the original's sending time), so that its reads are
-- traced as the original's are (Principal.ReadTrace). Referrals forwarded
-- before this migration get the original's time now.
ALTER TABLE referrals ADD COLUMN forwarded_from_sent_at timestamptz;
UPDATE referrals SET forwarded_from_sent_at =
    (SELECT o.created_at FROM referrals o WHERE o.id = referrals.forwarded_from_id)
WHERE forwarded_from_id <> '';

-- +goose Down
ALTER TABLE referrals DROP COLUMN forwarded_from_sent_at;
