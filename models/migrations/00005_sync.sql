-- +goose Up
-- Partner sync and open data (issue 6).

-- contact_public: the structure agreed to publish its phones and e-mails in
-- open-data exports. Off by default: a number typed into Carnet may be a
-- person's; imports of the national standard turn it on because those
-- contacts were already published as open data.
ALTER TABLE actors ADD COLUMN contact_public INTEGER NOT NULL DEFAULT 0;

-- fingerprint: SHA-256 of the record's normalised writable content, kept
-- current by every write path, so that a partner's re-sync recognises an
-- unchanged record from the source key index alone and leaves it untouched
-- (no version bump, no change-log entry). '' for rows written before this
-- migration: their first re-sync rewrites them once.
ALTER TABLE actors ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';

-- Snapshots list a source's live records: this index answers without
-- reading the table.
CREATE INDEX actors_source_live ON actors (source, source_id) WHERE archived_at IS NULL AND source_id <> '';
CREATE INDEX services_source_live ON services (source, source_id) WHERE archived_at IS NULL AND source_id <> '';
-- Whether live actors of other sources exist (duplicate detection is
-- pointless otherwise): two range scans instead of a table scan.
CREATE INDEX actors_live_source ON actors (source) WHERE archived_at IS NULL;

-- Possible duplicates: the same place arriving from two sources. A link is
-- never a merge; coordinators confirm or dismiss it. actor_a is the older
-- record (ids are UUIDv7, so actor_a < actor_b), the one that lists keep
-- when asked to exclude duplicates.
CREATE TABLE duplicate_links (
    id          TEXT PRIMARY KEY,
    actor_a     TEXT NOT NULL REFERENCES actors (id),
    actor_b     TEXT NOT NULL REFERENCES actors (id),
    score       REAL NOT NULL,
    name_score  REAL NOT NULL,
    address_score REAL NOT NULL,
    distance_m  REAL,            -- NULL when either place has no coordinates
    same_pivot  INTEGER NOT NULL DEFAULT 0,
    status      TEXT NOT NULL,   -- 'suggested', 'confirmed' or 'dismissed'
    decided_by  TEXT NOT NULL DEFAULT '',
    decided_at  TIMESTAMP,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    CHECK (actor_a < actor_b)
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
