-- +goose Up
-- PostgreSQL twin of ../00055_detection_follows.sql.
ALTER TABLE change_cursors ADD COLUMN holder text NOT NULL DEFAULT '';
ALTER TABLE change_cursors ADD COLUMN lease_until timestamptz;

INSERT INTO change_cursors (consumer, seq, updated_at)
SELECT 'duplicates', COALESCE(MAX(seq), 0), now() FROM changes;

-- +goose Down
DELETE FROM change_cursors WHERE consumer = 'duplicates';
ALTER TABLE change_cursors DROP COLUMN lease_until;
ALTER TABLE change_cursors DROP COLUMN holder;
