-- +goose Up
-- actors_location (migration 00001) indexed the coordinates for a search by
-- area that no query makes: the proximity filters compute a distance from
-- the service's coordinates or else its actor's (public_store.go's
-- withinCircle, over a CASE no index holds) and the search index keeps its
-- own points; the queries that name latitude also name a postal code or a
-- source key, whose indexes they read (README « fifty-first session »). It
-- cost every insert and every change of coordinates one B-tree more, and a
-- first import its rebuild at its end (see deferIndexes; issue 11, items 6
-- and 3).
DROP INDEX IF EXISTS actors_location;
-- An import that died between dropping its deferred indexes and creating
-- them again left them absent and recorded (see deferIndexes): dropped for
-- good, they are no longer to be created again.
DELETE FROM deferred_indexes WHERE name IN ('actors_location');

-- +goose Down
CREATE INDEX actors_location ON actors (latitude, longitude) WHERE latitude IS NOT NULL;
