-- +goose Up
-- Several processes on one database (issue 13): what used to live in one
-- process's memory moves here, so that replicas and command-line runs share
-- it.

-- Durable followers of the change log (see models/follow.go): where each
-- consumer stopped, so that a restart resumes there.
CREATE TABLE change_cursors (
    consumer   TEXT PRIMARY KEY,
    seq        INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Rate limits of credential checks, shared by every replica: one row per
-- key (a SHA-256 of "ip:<address>" or "account:<e-mail>", never the value
-- itself) holding the GCRA's theoretical arrival time in microseconds
-- since the Unix epoch. Rows whose time has passed are full buckets and
-- are deleted.
CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    tat INTEGER NOT NULL
);
CREATE INDEX rate_limits_tat ON rate_limits (tat);

-- Periodic jobs run by whichever replica claims them first: next_at is
-- when the job is due again; a replica claims a due job by moving next_at
-- forward in one conditional UPDATE, so that it runs once per interval
-- across replicas.
CREATE TABLE job_runs (
    name       TEXT PRIMARY KEY,
    next_at    TIMESTAMP NOT NULL,
    started_at TIMESTAMP,
    runner     TEXT NOT NULL DEFAULT ''
);

-- +goose Down
DROP TABLE job_runs;
DROP TABLE rate_limits;
DROP TABLE change_cursors;
