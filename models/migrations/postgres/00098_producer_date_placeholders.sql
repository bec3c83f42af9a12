-- +goose Up
-- PostgreSQL twin of ../00098_producer_date_placeholders.sql.
-- A producer's date before 2000-01-01 (models.ProducerDateFloor) is a
-- tool's zero date: it is cleared, and a checked_on that came from it
-- becomes the UTC day of updated_at, marked undated (checked_on_undated).
UPDATE actors SET checked_on = to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), checked_on_undated = true
 WHERE checked_on <> '' AND checked_on < '2000-01-01';
UPDATE actors SET producer_updated_on = ''
 WHERE producer_updated_on <> '' AND producer_updated_on < '2000-01-01';

-- +goose Down
SELECT 1;
