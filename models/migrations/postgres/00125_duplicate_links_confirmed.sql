-- +goose Up
-- PostgreSQL twin of ../00125_duplicate_links_confirmed.sql.
CREATE INDEX duplicate_links_confirmed_a ON duplicate_links (actor_a, status, id) WHERE status = 'confirmed';
CREATE INDEX duplicate_links_confirmed_b ON duplicate_links (actor_b, status, id) WHERE status = 'confirmed';

-- +goose Down
DROP INDEX duplicate_links_confirmed_b;
DROP INDEX duplicate_links_confirmed_a;
