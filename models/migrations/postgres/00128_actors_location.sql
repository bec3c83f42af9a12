-- +goose Up
-- PostgreSQL twin of ../00128_actors_location.sql.
DROP INDEX IF EXISTS actors_location;

-- +goose Down
CREATE INDEX actors_location ON actors (latitude, longitude) WHERE latitude IS NOT NULL;
