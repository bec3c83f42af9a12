-- +goose Up
-- The confirmed links of an actor, by either side: what a write's answer
-- says of its actor (same_as) reads them on every write, and through the
-- whole indexes it walked every link of an actor at a crowded address —
-- hundreds of suggested ones — to keep the few confirmed (issue 11, item
-- 3). Partial, so that only confirmed links, a handful, carry them; the
-- queries that use them repeat « status = 'confirmed' » as written here.
-- The status is a column too, with id to cover the read: SQLite, which
-- keeps no statistics here, otherwise chose duplicate_links_status (one
-- equal column against one) and walked every confirmed link.
CREATE INDEX duplicate_links_confirmed_a ON duplicate_links (actor_a, status, id) WHERE status = 'confirmed';
CREATE INDEX duplicate_links_confirmed_b ON duplicate_links (actor_b, status, id) WHERE status = 'confirmed';

-- +goose Down
DROP INDEX duplicate_links_confirmed_b;
DROP INDEX duplicate_links_confirmed_a;
