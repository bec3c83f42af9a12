-- +goose Up
-- PostgreSQL twin of ../00050_duplicate_reasons.sql.
ALTER TABLE duplicate_links ADD COLUMN identity_score double precision NOT NULL DEFAULT 0;
ALTER TABLE duplicate_links ADD COLUMN reasons jsonb NOT NULL DEFAULT '[]';

-- +goose Down
ALTER TABLE duplicate_links DROP COLUMN reasons;
ALTER TABLE duplicate_links DROP COLUMN identity_score;
