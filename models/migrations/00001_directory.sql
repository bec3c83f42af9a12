-- +goose Up
-- The directory: actors (structures at places) and the services they offer.
-- Multi-valued fields are JSON arrays in TEXT columns (see StringList).
-- Times are UTC, written by the application with microsecond precision.

CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    email          TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    platform_admin INTEGER NOT NULL DEFAULT 0,
    disabled       INTEGER NOT NULL DEFAULT 0,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (email);

CREATE TABLE actors (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    pivot_kind          TEXT NOT NULL DEFAULT 'unknown',
    pivot               TEXT NOT NULL DEFAULT '',
    typologies          TEXT NOT NULL DEFAULT '[]',
    parent_id           TEXT REFERENCES actors (id),
    summary             TEXT NOT NULL DEFAULT '',
    description         TEXT NOT NULL DEFAULT '',
    street              TEXT NOT NULL DEFAULT '',
    complement          TEXT NOT NULL DEFAULT '',
    postal_code         TEXT NOT NULL DEFAULT '',
    commune             TEXT NOT NULL DEFAULT '',
    insee_code          TEXT NOT NULL DEFAULT '',
    departement         TEXT NOT NULL DEFAULT '',
    latitude            REAL,
    longitude           REAL,
    phones              TEXT NOT NULL DEFAULT '[]',
    emails              TEXT NOT NULL DEFAULT '[]',
    websites            TEXT NOT NULL DEFAULT '[]',
    opening_hours       TEXT NOT NULL DEFAULT '',
    mobility            TEXT NOT NULL DEFAULT '[]',
    acceslibre_url      TEXT NOT NULL DEFAULT '',
    booking_url         TEXT NOT NULL DEFAULT '',
    national_programmes TEXT NOT NULL DEFAULT '[]',
    training_labels     TEXT NOT NULL DEFAULT '[]',
    other_labels        TEXT NOT NULL DEFAULT '',
    source              TEXT NOT NULL DEFAULT '',
    source_id           TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL,
    closed_from         TEXT NOT NULL DEFAULT '',
    closed_until        TEXT NOT NULL DEFAULT '',
    closure_reason      TEXT NOT NULL DEFAULT '',
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL,
    archived_at         TIMESTAMP,
    version             INTEGER NOT NULL
);
-- A partner's own id is unique within its source: the key of bulk upserts.
CREATE UNIQUE INDEX actors_source_key ON actors (source, source_id) WHERE source_id <> '';
CREATE INDEX actors_parent ON actors (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX actors_postal_code ON actors (postal_code);
CREATE INDEX actors_insee_code ON actors (insee_code);
CREATE INDEX actors_departement ON actors (departement);
CREATE INDEX actors_name ON actors (name COLLATE NOCASE, id);
CREATE INDEX actors_updated ON actors (updated_at, id);
CREATE INDEX actors_location ON actors (latitude, longitude) WHERE latitude IS NOT NULL;
-- Lists count the live (not archived) rows on every page: this small partial
-- index answers that count without reading the table (1 ms → 0.3 ms at 10k)
-- and walks the default id order of live rows.
CREATE INDEX actors_live ON actors (id) WHERE archived_at IS NULL;

CREATE TABLE services (
    id                   TEXT PRIMARY KEY,
    actor_id             TEXT NOT NULL REFERENCES actors (id),
    name                 TEXT NOT NULL,
    description          TEXT NOT NULL DEFAULT '',
    kind                 TEXT NOT NULL,
    themes               TEXT NOT NULL DEFAULT '[]',
    publics              TEXT NOT NULL DEFAULT '[]',
    specific_support     TEXT NOT NULL DEFAULT '[]',
    fees                 TEXT NOT NULL DEFAULT '[]',
    fees_details         TEXT NOT NULL DEFAULT '',
    pass_numerique       INTEGER NOT NULL DEFAULT 0,
    access_modes         TEXT NOT NULL DEFAULT '[]',
    accompaniment_modes  TEXT NOT NULL DEFAULT '[]',
    on_site              INTEGER NOT NULL DEFAULT 1,
    remote               INTEGER NOT NULL DEFAULT 0,
    location_street      TEXT NOT NULL DEFAULT '',
    location_complement  TEXT NOT NULL DEFAULT '',
    location_postal_code TEXT NOT NULL DEFAULT '',
    location_commune     TEXT NOT NULL DEFAULT '',
    location_insee_code  TEXT NOT NULL DEFAULT '',
    latitude             REAL,
    longitude            REAL,
    opening_hours        TEXT NOT NULL DEFAULT '',
    languages            TEXT NOT NULL DEFAULT '[]',
    capacity             INTEGER,
    is_full              INTEGER NOT NULL DEFAULT 0,
    booking_url          TEXT NOT NULL DEFAULT '',
    status               TEXT NOT NULL,
    source               TEXT NOT NULL DEFAULT '',
    source_id            TEXT NOT NULL DEFAULT '',
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL,
    archived_at          TIMESTAMP,
    version              INTEGER NOT NULL
);
CREATE UNIQUE INDEX services_source_key ON services (source, source_id) WHERE source_id <> '';
CREATE INDEX services_actor ON services (actor_id);
CREATE INDEX services_kind ON services (kind);
CREATE INDEX services_name ON services (name COLLATE NOCASE, id);
CREATE INDEX services_updated ON services (updated_at, id);
CREATE INDEX services_live ON services (id) WHERE archived_at IS NULL;

-- Every create, update and archive of an actor or a service, in commit order.
-- seq is AUTOINCREMENT so that it never goes back nor is reused: a change
-- feed can page on it without skipping or repeating an item.
CREATE TABLE changes (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    entity    TEXT NOT NULL,     -- 'actor' or 'service'
    entity_id TEXT NOT NULL,
    op        TEXT NOT NULL,     -- 'create', 'update' or 'archive'
    version   INTEGER NOT NULL,
    at        TIMESTAMP NOT NULL
);
CREATE INDEX changes_entity ON changes (entity, entity_id);

-- +goose Down
DROP TABLE changes;
DROP TABLE services;
DROP TABLE actors;
DROP TABLE users;
