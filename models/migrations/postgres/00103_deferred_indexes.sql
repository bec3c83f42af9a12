-- +goose Up
-- PostgreSQL twin of ../00103_deferred_indexes.sql. PostgreSQL's imports
-- keep their indexes (the deferral is SQLite's: its commits copy every
-- index page they touched into the WAL); the table is kept alike so that
-- both schemas hold the same tables.
CREATE TABLE deferred_indexes (
    name     text PRIMARY KEY,
    tbl_name text NOT NULL,
    sql      text NOT NULL
);

-- +goose Down
DROP TABLE deferred_indexes;
