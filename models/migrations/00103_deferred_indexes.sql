-- +goose Up
-- The secondary indexes a first import into an empty directory drops while
-- it writes and creates again at its end (see models/deferred_index.go),
-- as sqlite_master held them. A row here outlives the import only when its
-- process died before the end: the next opening of the database creates
-- the index again from it, so no server runs without it for longer.
CREATE TABLE deferred_indexes (
    name     TEXT PRIMARY KEY,
    tbl_name TEXT NOT NULL,
    sql      TEXT NOT NULL
);

-- +goose Down
DROP TABLE deferred_indexes;
