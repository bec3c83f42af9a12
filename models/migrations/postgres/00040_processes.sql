-- +goose Up
-- PostgreSQL twin of ../00040_processes.sql.
CREATE TABLE change_cursors (
    consumer   text PRIMARY KEY,
    seq        bigint NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE rate_limits (
    key text PRIMARY KEY,
    tat bigint NOT NULL
);
CREATE INDEX rate_limits_tat ON rate_limits (tat);

CREATE TABLE job_runs (
    name       text PRIMARY KEY,
    next_at    timestamptz NOT NULL,
    started_at timestamptz,
    runner     text NOT NULL DEFAULT ''
);

-- +goose Down
DROP TABLE job_runs;
DROP TABLE rate_limits;
DROP TABLE change_cursors;
