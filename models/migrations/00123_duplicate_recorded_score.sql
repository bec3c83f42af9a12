-- +goose Up
-- The score a link a person recorded (POST /api/v1/duplicates) had when
-- it was recorded. Detection rescores such a link when either record
-- changes; it holds (hides a record, exists for anyone) while its score
-- stays at least this one or reaches 0.6: a record that moved 400 km away
-- was hidden behind the other for good (probe 43). NULL for detection's
-- links.
ALTER TABLE duplicate_links ADD COLUMN recorded_score REAL;
UPDATE duplicate_links SET recorded_score = score WHERE recorded_by IS NOT NULL;

-- +goose Down
ALTER TABLE duplicate_links DROP COLUMN recorded_score;
