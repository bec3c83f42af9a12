-- +goose Up
-- The quality score's criteria read as the README says (models/quality.go):
-- opening hours count when every rule of them reads, and a presentation is
-- a summary or a description of 50 characters (not the two added). Every
-- live place is scored again when the store opens (scoreUnscored reads
-- quality < 0).
UPDATE actors SET quality = -1 WHERE archived_at IS NULL;

-- +goose Down
SELECT 1;
