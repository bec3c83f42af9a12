-- +goose Up
-- Whether a service was ever published (models.Service.WasPublished): the
-- public change feed names a draft only when it was, so that a draft never
-- published stays out of it. Existing services count as published once:
-- a reader may hold them, and must still be told when they leave its view.
ALTER TABLE services ADD COLUMN was_published INTEGER NOT NULL DEFAULT 1;

-- +goose Down
ALTER TABLE services DROP COLUMN was_published;
