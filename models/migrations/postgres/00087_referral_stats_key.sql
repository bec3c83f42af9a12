-- +goose Up
-- PostgreSQL twin of ../00087_referral_stats_key.sql.
-- Each referral's record key for the statistics' cell-key perturbation
-- (models.Perturb): protected figures are perturbed by a small amount that
-- the keys of the referrals a cell counts decide, so that two answers over
-- populations a few referrals apart no longer differ by exactly those
-- referrals. Drawn at random, 1 to 256; existing referrals get theirs now.
ALTER TABLE referrals ADD COLUMN stats_key integer NOT NULL DEFAULT 0;
UPDATE referrals SET stats_key = 1 + floor(random() * 256)::integer;

-- +goose Down
ALTER TABLE referrals DROP COLUMN stats_key;
