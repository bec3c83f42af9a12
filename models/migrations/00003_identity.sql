-- +goose Up
-- Identity and access: accounts' roles per structure, coordinators'
-- territories, invitations, join requests, refresh tokens, partner clients,
-- suggestions and the append-only audit history.

ALTER TABLE users ADD COLUMN display_name TEXT NOT NULL DEFAULT '';
-- A territorial coordinator's territory; both empty for everyone else.
ALTER TABLE users ADD COLUMN coordinator_departements TEXT NOT NULL DEFAULT '[]';
ALTER TABLE users ADD COLUMN coordinator_communes TEXT NOT NULL DEFAULT '[]';

CREATE TABLE memberships (
    user_id    TEXT NOT NULL REFERENCES users (id),
    actor_id   TEXT NOT NULL REFERENCES actors (id),
    role       TEXT NOT NULL,            -- 'manager' or 'member'
    created_at TIMESTAMP NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (user_id, actor_id)
);
CREATE INDEX memberships_actor ON memberships (actor_id, user_id);

-- Invitations to create an account; the token itself is never stored.
CREATE TABLE invitations (
    id                       TEXT PRIMARY KEY,
    email                    TEXT NOT NULL,
    token_hash               TEXT NOT NULL UNIQUE,
    actor_id                 TEXT REFERENCES actors (id),
    role                     TEXT NOT NULL DEFAULT '',
    platform_admin           INTEGER NOT NULL DEFAULT 0,
    coordinator_departements TEXT NOT NULL DEFAULT '[]',
    coordinator_communes     TEXT NOT NULL DEFAULT '[]',
    created_by               TEXT NOT NULL,
    created_at               TIMESTAMP NOT NULL,
    expires_at               TIMESTAMP NOT NULL,
    accepted_at              TIMESTAMP,
    accepted_by              TEXT
);
CREATE INDEX invitations_actor ON invitations (actor_id) WHERE actor_id IS NOT NULL;

CREATE TABLE join_requests (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    actor_id   TEXT NOT NULL REFERENCES actors (id),
    message    TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL,            -- 'pending', 'accepted' or 'refused'
    role       TEXT NOT NULL DEFAULT '',
    reason     TEXT NOT NULL DEFAULT '',
    decided_by TEXT NOT NULL DEFAULT '',
    decided_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
-- One open request per person and structure.
CREATE UNIQUE INDEX join_requests_pending ON join_requests (user_id, actor_id) WHERE status = 'pending';
CREATE INDEX join_requests_actor ON join_requests (actor_id, status);

-- Refresh tokens, stored as SHA-256 hashes. A family is one login: using a
-- rotated token again revokes the whole family (the token was stolen).
CREATE TABLE refresh_tokens (
    id          TEXT PRIMARY KEY,
    family_id   TEXT NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users (id),
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    revoked_at  TIMESTAMP,
    replaced_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

-- Machine-to-machine clients of partner institutions.
CREATE TABLE partner_clients (
    id           TEXT PRIMARY KEY,       -- the client_id
    name         TEXT NOT NULL,
    secret_hash  TEXT NOT NULL,
    sources      TEXT NOT NULL DEFAULT '[]',
    scopes       TEXT NOT NULL DEFAULT '[]',
    disabled     INTEGER NOT NULL DEFAULT 0,
    created_by   TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP
);

-- Proposed changes to actors and services by people who do not manage them.
CREATE TABLE suggestions (
    id           TEXT PRIMARY KEY,
    entity       TEXT NOT NULL,          -- 'actor' or 'service'
    entity_id    TEXT NOT NULL,
    actor_id     TEXT NOT NULL REFERENCES actors (id),
    author_id    TEXT NOT NULL REFERENCES users (id),
    changes      TEXT NOT NULL,          -- a JSON Merge Patch of the writable fields
    message      TEXT NOT NULL DEFAULT '',
    base_version INTEGER NOT NULL,
    status       TEXT NOT NULL,          -- 'pending', 'accepted' or 'rejected'
    reason       TEXT NOT NULL DEFAULT '',
    decided_by   TEXT NOT NULL DEFAULT '',
    decided_at   TIMESTAMP,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX suggestions_actor ON suggestions (actor_id, status);
CREATE INDEX suggestions_author ON suggestions (author_id);

-- Who changed what, when and through which channel. Append-only: triggers
-- refuse updates and deletes, so not even a bug can rewrite history.
CREATE TABLE audit_events (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    entity        TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    actor_id      TEXT NOT NULL,         -- the structure the record belongs to
    action        TEXT NOT NULL,         -- 'create', 'update', 'archive'
    channel       TEXT NOT NULL,         -- 'api', 'sync', 'suggestion', 'cli', 'system'
    who_kind      TEXT NOT NULL,         -- 'user', 'client' or 'system'
    who_id        TEXT NOT NULL DEFAULT '',
    who_label     TEXT NOT NULL DEFAULT '',
    suggestion_id TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL,
    at            TIMESTAMP NOT NULL,
    changes       TEXT NOT NULL          -- [{"field", "old", "new"}]
);
CREATE INDEX audit_events_entity ON audit_events (entity, entity_id, seq);
-- +goose StatementBegin
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'the audit history is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'the audit history is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE audit_events;
DROP TABLE suggestions;
DROP TABLE partner_clients;
DROP TABLE refresh_tokens;
DROP TABLE join_requests;
DROP TABLE invitations;
DROP TABLE memberships;
ALTER TABLE users DROP COLUMN coordinator_communes;
ALTER TABLE users DROP COLUMN coordinator_departements;
ALTER TABLE users DROP COLUMN display_name;
