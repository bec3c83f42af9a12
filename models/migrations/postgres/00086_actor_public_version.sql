-- +goose Up
-- PostgreSQL twin of ../00086_actor_public_version.sql.
-- What an actor's public representation shows of its history: the version
-- and time of the last change that moved something a caller who may not see
-- its phones and e-mails is shown (models.Actor.PublicVersion). A change of
-- private contacts alone moved version and updated_at, the ETag and the
-- public change feed, which told an anonymous reader that a hidden contact
-- had changed. Existing rows start from their version and time: what was
-- shown before stays what is shown.
ALTER TABLE actors ADD COLUMN public_version bigint NOT NULL DEFAULT 0;
ALTER TABLE actors ADD COLUMN public_updated_at timestamptz;
UPDATE actors SET public_version = version, public_updated_at = updated_at;
CREATE INDEX actors_public_updated ON actors (public_updated_at, id);
-- A change of the log that moved only private contacts: the feed and the
-- webhooks leave it out for readers who may not see them.
ALTER TABLE changes ADD COLUMN private_only boolean NOT NULL DEFAULT false;

-- +goose Down
ALTER TABLE changes DROP COLUMN private_only;
DROP INDEX actors_public_updated;
ALTER TABLE actors DROP COLUMN public_updated_at;
ALTER TABLE actors DROP COLUMN public_version;
