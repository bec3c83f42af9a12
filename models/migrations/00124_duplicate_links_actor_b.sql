-- +goose Up
-- Every link by actor_b, whatever its status: the partial index this
-- replaces (status <> 'dismissed') served only the queries that repeated
-- its condition, and detection's reads of an actor's links (« actor_a IN ?
-- OR actor_b IN ? », dismissed ones included so that they are not
-- suggested again) scanned the whole table instead: 1.1 s of the single
-- writer's turns in BenchmarkConcurrentWrites at a crowded address.
DROP INDEX duplicate_links_b;
CREATE INDEX duplicate_links_actor_b ON duplicate_links (actor_b);

-- +goose Down
DROP INDEX duplicate_links_actor_b;
CREATE INDEX duplicate_links_b ON duplicate_links (actor_b) WHERE status <> 'dismissed';
