-- +goose Up
-- The values a suggestion's fields had when it was made (issue 12): accepting
-- it later applies it only if none of these fields changed since (a
-- three-way merge on the fields it touches); otherwise 409.
ALTER TABLE suggestions ADD COLUMN base_values TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE suggestions DROP COLUMN base_values;
