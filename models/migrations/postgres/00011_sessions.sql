-- +goose Up
-- PostgreSQL twin of ../00011_sessions.sql.
CREATE TABLE sessions (
    id         text PRIMARY KEY,
    user_id    text NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id) WHERE revoked_at IS NULL;
UPDATE refresh_tokens SET revoked_at = CURRENT_TIMESTAMP WHERE revoked_at IS NULL;

ALTER TABLE partner_clients ADD COLUMN secret_generation integer NOT NULL DEFAULT 1;

CREATE TABLE password_resets (
    id         text PRIMARY KEY,
    user_id    text NOT NULL REFERENCES users (id),
    token_hash text NOT NULL UNIQUE,
    created_by text NOT NULL,
    actor_id   text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX password_resets_user ON password_resets (user_id, created_at);

-- +goose Down
DROP TABLE password_resets;
ALTER TABLE partner_clients DROP COLUMN secret_generation;
DROP TABLE sessions;
