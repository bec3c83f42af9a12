-- +goose Up
-- The record a confirmed duplicate link keeps (serves on the public
-- surfaces) while the other stands for it: chosen by the coordinator or,
-- by default, the better record (models.DefaultKept). NULL, the links
-- confirmed before this migration, keeps the older record (actor_a), as
-- they were served. kept_b below is the index of the links keeping their
-- newer record: the public surfaces then hide actor_a, read by actor_a.
ALTER TABLE duplicate_links ADD COLUMN kept TEXT;
-- Who recorded a link Carnet did not suggest (a coordinator, an
-- administrator); NULL for a link detection made. Detection neither
-- rescores nor removes such a link, and it exists for anyone: a person
-- said so, no private contact did.
ALTER TABLE duplicate_links ADD COLUMN recorded_by TEXT;
CREATE INDEX duplicate_links_kept_b ON duplicate_links (actor_a) WHERE kept IS NOT NULL;

-- +goose Down
DROP INDEX duplicate_links_kept_b;
ALTER TABLE duplicate_links DROP COLUMN recorded_by;
ALTER TABLE duplicate_links DROP COLUMN kept;
