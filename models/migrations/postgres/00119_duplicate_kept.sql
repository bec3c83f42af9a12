-- +goose Up
-- PostgreSQL twin of ../00119_duplicate_kept.sql: the record a confirmed
-- duplicate link keeps; NULL keeps the older record (actor_a).
ALTER TABLE duplicate_links ADD COLUMN kept text;
-- Who recorded a link Carnet did not suggest (a coordinator, an
-- administrator); NULL for a link detection made. Detection neither
-- rescores nor removes such a link, and it exists for anyone: a person
-- said so, no private contact did.
ALTER TABLE duplicate_links ADD COLUMN recorded_by text;
CREATE INDEX duplicate_links_kept_b ON duplicate_links (actor_a) WHERE kept IS NOT NULL;

-- +goose Down
DROP INDEX duplicate_links_kept_b;
ALTER TABLE duplicate_links DROP COLUMN recorded_by;
ALTER TABLE duplicate_links DROP COLUMN kept;
