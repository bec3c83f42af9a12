-- +goose Up
-- Login sessions (issue 12). An access token names its session (the sid
-- claim), checked on every request by primary key, so that logging out,
-- changing a password, reusing a refresh token or disabling the account ends
-- the session's access tokens at once. A session is a refresh-token family.
CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,         -- = refresh_tokens.family_id
    user_id    TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX sessions_user ON sessions (user_id) WHERE revoked_at IS NULL;
-- Sessions opened before this migration have no row: their refresh tokens
-- are revoked, so that every live session is known.
UPDATE refresh_tokens SET revoked_at = CURRENT_TIMESTAMP WHERE revoked_at IS NULL;

-- A partner client's access tokens carry the generation of its secret:
-- rotating the secret ends the tokens issued with the old one.
ALTER TABLE partner_clients ADD COLUMN secret_generation INTEGER NOT NULL DEFAULT 1;

-- Single-use password reset links, issued by an administrator or a
-- structure's manager; only the token's hash is stored.
CREATE TABLE password_resets (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    actor_id   TEXT NOT NULL DEFAULT '', -- the structure whose manager issued it
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);
CREATE INDEX password_resets_user ON password_resets (user_id, created_at);

-- +goose Down
DROP TABLE password_resets;
ALTER TABLE partner_clients DROP COLUMN secret_generation;
DROP TABLE sessions;
