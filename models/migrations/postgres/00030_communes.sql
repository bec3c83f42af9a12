-- +goose Up
-- PostgreSQL twin of ../00030_communes.sql.
CREATE TABLE reference_versions (
    name    text PRIMARY KEY,
    version text NOT NULL
);

-- +goose Down
DROP TABLE reference_versions;
