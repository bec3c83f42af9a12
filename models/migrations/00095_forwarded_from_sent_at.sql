-- +goose Up
-- A forwarded referral carries the personal data of the referral it
-- continues, which the forwarding structure (its sender) received when that
-- referral was sent: it keeps that time, so that its reads are traced as
-- the original's are (Principal.ReadTrace). An account whose credentials
-- were disclosed after the original reached its structure, and which
-- forwarded it, read the copy untraced: the copy's own sending time came
-- after the disclosure. NULL for a referral that forwards nothing.
-- Referrals forwarded before this migration get the original's time now.
ALTER TABLE referrals ADD COLUMN forwarded_from_sent_at TIMESTAMP;
UPDATE referrals SET forwarded_from_sent_at =
    (SELECT o.created_at FROM referrals o WHERE o.id = referrals.forwarded_from_id)
WHERE forwarded_from_id <> '';

-- +goose Down
ALTER TABLE referrals DROP COLUMN forwarded_from_sent_at;
