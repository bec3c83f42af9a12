-- +goose Up
-- PostgreSQL twin of ../00123_duplicate_recorded_score.sql.
ALTER TABLE duplicate_links ADD COLUMN recorded_score double precision;
UPDATE duplicate_links SET recorded_score = score WHERE recorded_by IS NOT NULL;

-- +goose Down
ALTER TABLE duplicate_links DROP COLUMN recorded_score;
