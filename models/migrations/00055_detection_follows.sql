-- +goose Up
-- Duplicate detection follows the change log (issue 11): a durable follower
-- that one process at a time runs. A follower that must not run in two
-- processes at once holds a lease on its cursor: holder names the process,
-- lease_until is when another may take over if the holder has not renewed
-- it (it stopped, crashed or lost the database).
ALTER TABLE change_cursors ADD COLUMN holder TEXT NOT NULL DEFAULT '';
ALTER TABLE change_cursors ADD COLUMN lease_until TIMESTAMP;

-- Until now each sync batch detected its own duplicates before answering:
-- the changes already in the log were compared, and the follower starts
-- after them. On a new database this is 0, the whole log.
INSERT INTO change_cursors (consumer, seq, updated_at)
SELECT 'duplicates', COALESCE(MAX(seq), 0), CURRENT_TIMESTAMP FROM changes;

-- +goose Down
DELETE FROM change_cursors WHERE consumer = 'duplicates';
ALTER TABLE change_cursors DROP COLUMN lease_until;
ALTER TABLE change_cursors DROP COLUMN holder;
