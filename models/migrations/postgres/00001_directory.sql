-- +goose Up
-- PostgreSQL twin of ../00001_directory.sql: the same tables, columns and
-- indexes, in PostgreSQL's types. Differences, everywhere in these files:
--   - booleans are boolean (SQLite: INTEGER 0/1);
--   - times are timestamptz, written in UTC by the application;
--   - multi-valued fields are jsonb arrays (SQLite: JSON text), which list
--     filters read with jsonb_exists_any (SQLite: json_each);
--   - case-insensitive name order is lower(name) COLLATE "C" (SQLite:
--     COLLATE NOCASE), the expression the store orders and pages by;
--   - log sequences are identity columns with the default cache of 1, so
--     that values are handed out one at a time in the order asked for: the
--     store asks for them under an advisory lock held until commit, which
--     makes seq order the commit order (see models/dialect_postgres.go).

CREATE TABLE users (
    id             text PRIMARY KEY,
    email          text NOT NULL,
    password_hash  text NOT NULL,
    platform_admin boolean NOT NULL DEFAULT false,
    disabled       boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (email);

CREATE TABLE actors (
    id                  text PRIMARY KEY,
    name                text NOT NULL,
    pivot_kind          text NOT NULL DEFAULT 'unknown',
    pivot               text NOT NULL DEFAULT '',
    typologies          jsonb NOT NULL DEFAULT '[]',
    parent_id           text REFERENCES actors (id),
    summary             text NOT NULL DEFAULT '',
    description         text NOT NULL DEFAULT '',
    street              text NOT NULL DEFAULT '',
    complement          text NOT NULL DEFAULT '',
    postal_code         text NOT NULL DEFAULT '',
    commune             text NOT NULL DEFAULT '',
    insee_code          text NOT NULL DEFAULT '',
    departement         text NOT NULL DEFAULT '',
    latitude            double precision,
    longitude           double precision,
    phones              jsonb NOT NULL DEFAULT '[]',
    emails              jsonb NOT NULL DEFAULT '[]',
    websites            jsonb NOT NULL DEFAULT '[]',
    opening_hours       text NOT NULL DEFAULT '',
    mobility            jsonb NOT NULL DEFAULT '[]',
    acceslibre_url      text NOT NULL DEFAULT '',
    booking_url         text NOT NULL DEFAULT '',
    national_programmes jsonb NOT NULL DEFAULT '[]',
    training_labels     jsonb NOT NULL DEFAULT '[]',
    other_labels        text NOT NULL DEFAULT '',
    source              text NOT NULL DEFAULT '',
    source_id           text NOT NULL DEFAULT '',
    status              text NOT NULL,
    closed_from         text NOT NULL DEFAULT '',
    closed_until        text NOT NULL DEFAULT '',
    closure_reason      text NOT NULL DEFAULT '',
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    archived_at         timestamptz,
    version             bigint NOT NULL
);
CREATE UNIQUE INDEX actors_source_key ON actors (source, source_id) WHERE source_id <> '';
CREATE INDEX actors_parent ON actors (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX actors_postal_code ON actors (postal_code);
CREATE INDEX actors_insee_code ON actors (insee_code);
CREATE INDEX actors_departement ON actors (departement);
CREATE INDEX actors_name ON actors ((lower(name) COLLATE "C"), id);
CREATE INDEX actors_updated ON actors (updated_at, id);
CREATE INDEX actors_location ON actors (latitude, longitude) WHERE latitude IS NOT NULL;
CREATE INDEX actors_live ON actors (id) WHERE archived_at IS NULL;

CREATE TABLE services (
    id                   text PRIMARY KEY,
    actor_id             text NOT NULL REFERENCES actors (id),
    name                 text NOT NULL,
    description          text NOT NULL DEFAULT '',
    kind                 text NOT NULL,
    themes               jsonb NOT NULL DEFAULT '[]',
    publics              jsonb NOT NULL DEFAULT '[]',
    specific_support     jsonb NOT NULL DEFAULT '[]',
    fees                 jsonb NOT NULL DEFAULT '[]',
    fees_details         text NOT NULL DEFAULT '',
    pass_numerique       boolean NOT NULL DEFAULT false,
    access_modes         jsonb NOT NULL DEFAULT '[]',
    accompaniment_modes  jsonb NOT NULL DEFAULT '[]',
    on_site              boolean NOT NULL DEFAULT true,
    remote               boolean NOT NULL DEFAULT false,
    location_street      text NOT NULL DEFAULT '',
    location_complement  text NOT NULL DEFAULT '',
    location_postal_code text NOT NULL DEFAULT '',
    location_commune     text NOT NULL DEFAULT '',
    location_insee_code  text NOT NULL DEFAULT '',
    latitude             double precision,
    longitude            double precision,
    opening_hours        text NOT NULL DEFAULT '',
    languages            jsonb NOT NULL DEFAULT '[]',
    capacity             integer,
    is_full              boolean NOT NULL DEFAULT false,
    booking_url          text NOT NULL DEFAULT '',
    status               text NOT NULL,
    source               text NOT NULL DEFAULT '',
    source_id            text NOT NULL DEFAULT '',
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    archived_at          timestamptz,
    version              bigint NOT NULL
);
CREATE UNIQUE INDEX services_source_key ON services (source, source_id) WHERE source_id <> '';
CREATE INDEX services_actor ON services (actor_id);
CREATE INDEX services_kind ON services (kind);
CREATE INDEX services_name ON services ((lower(name) COLLATE "C"), id);
CREATE INDEX services_updated ON services (updated_at, id);
CREATE INDEX services_live ON services (id) WHERE archived_at IS NULL;

-- The change log, in commit order (see the header).
CREATE TABLE changes (
    seq       bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    entity    text NOT NULL,
    entity_id text NOT NULL,
    op        text NOT NULL,
    version   bigint NOT NULL,
    at        timestamptz NOT NULL
);
CREATE INDEX changes_entity ON changes (entity, entity_id);

-- +goose Down
DROP TABLE changes;
DROP TABLE services;
DROP TABLE actors;
DROP TABLE users;
