-- +goose Up
-- PostgreSQL twin of ../00100_referral_event_labels.sql: a referral's
-- events name who acted as they were named then, recorded with the event.
ALTER TABLE referral_events ADD COLUMN by_label text NOT NULL DEFAULT '';
UPDATE referral_events SET by_label = (SELECT CASE WHEN u.deleted_at IS NOT NULL THEN 'compte supprimé'
        WHEN u.display_name <> '' THEN u.display_name WHEN u.professional_email <> '' THEN u.professional_email
        ELSE 'compte sans nom' END FROM users u WHERE u.id = referral_events.by_user_id)
    WHERE by_user_id <> '' AND EXISTS (SELECT 1 FROM users u WHERE u.id = referral_events.by_user_id);

-- +goose Down
ALTER TABLE referral_events DROP COLUMN by_label;
