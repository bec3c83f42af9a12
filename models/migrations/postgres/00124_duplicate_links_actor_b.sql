-- +goose Up
-- PostgreSQL twin of ../00124_duplicate_links_actor_b.sql.
DROP INDEX duplicate_links_b;
CREATE INDEX duplicate_links_actor_b ON duplicate_links (actor_b);

-- +goose Down
DROP INDEX duplicate_links_actor_b;
CREATE INDEX duplicate_links_b ON duplicate_links (actor_b) WHERE status <> 'dismissed';
