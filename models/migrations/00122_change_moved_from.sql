-- +goose Up
-- Where a record was before a change that moved it out of its place for
-- filters (sources, département, commune: models/webhook.go placeKey),
-- empty for every other change. A subscription or a feed filtered by
-- territory or source tells its follower that a record left its selection
-- (op leave) instead of going silent about it (probe 40a H1).
ALTER TABLE changes ADD COLUMN moved_from TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE changes DROP COLUMN moved_from;
