-- +goose Up
-- The commune reference (issue 10). Addresses are resolved against the
-- reference embedded in the binary; this records which version of it last
-- resolved the stored rows, so that a binary with a new reference (or the
-- first one with a reference at all) re-resolves them once at start
-- (Store.ResolvePlaces), with a change-log entry for each row it corrects.
CREATE TABLE reference_versions (
    name    TEXT PRIMARY KEY,
    version TEXT NOT NULL
);

-- +goose Down
DROP TABLE reference_versions;
