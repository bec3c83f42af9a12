-- +goose Up
-- PostgreSQL twin of ../00005_sync.sql.
ALTER TABLE actors ADD COLUMN contact_public boolean NOT NULL DEFAULT false;
ALTER TABLE actors ADD COLUMN fingerprint text NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN fingerprint text NOT NULL DEFAULT '';

CREATE INDEX actors_source_live ON actors (source, source_id) WHERE archived_at IS NULL AND source_id <> '';
CREATE INDEX services_source_live ON services (source, source_id) WHERE archived_at IS NULL AND source_id <> '';
CREATE INDEX actors_live_source ON actors (source) WHERE archived_at IS NULL;

-- actor_a < actor_b in byte order, as the application compares ids
-- (COLLATE "C": the database's default collation may order otherwise).
CREATE TABLE duplicate_links (
    id            text PRIMARY KEY,
    actor_a       text NOT NULL REFERENCES actors (id),
    actor_b       text NOT NULL REFERENCES actors (id),
    score         double precision NOT NULL,
    name_score    double precision NOT NULL,
    address_score double precision NOT NULL,
    distance_m    double precision,
    same_pivot    boolean NOT NULL DEFAULT false,
    status        text NOT NULL,
    decided_by    text NOT NULL DEFAULT '',
    decided_at    timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    CHECK (actor_a COLLATE "C" < actor_b COLLATE "C")
);
CREATE UNIQUE INDEX duplicate_links_pair ON duplicate_links (actor_a, actor_b);
CREATE INDEX duplicate_links_b ON duplicate_links (actor_b) WHERE status <> 'dismissed';
CREATE INDEX duplicate_links_status ON duplicate_links (status, id);

-- +goose Down
DROP TABLE duplicate_links;
DROP INDEX actors_live_source;
DROP INDEX services_source_live;
DROP INDEX actors_source_live;
ALTER TABLE services DROP COLUMN fingerprint;
ALTER TABLE actors DROP COLUMN fingerprint;
ALTER TABLE actors DROP COLUMN contact_public;
