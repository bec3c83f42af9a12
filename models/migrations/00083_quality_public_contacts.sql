-- +goose Up
-- The quality score's contact criterion now counts phones and e-mails only
-- when they are public (models/quality.go): the score is public, and counted
-- private ones told which places keep contacts private. The places whose
-- contacts are not public are scored again when the store opens
-- (scoreUnscored reads quality < 0).
UPDATE actors SET quality = -1 WHERE contact_public = 0 AND archived_at IS NULL;

-- +goose Down
SELECT 1;
