-- +goose Up
-- A referral's events name who acted as they were named when they acted
-- (models.PersonLabel: display name, else the professional e-mail they
-- share, else « compte sans nom »), recorded with the event: they were named
-- from the person's current card when read, so a member who accepted or
-- forwarded a referral could rename that act (PATCH /me) in both
-- structures' view of it. Events recorded before take the name each
-- account bears now (the names borne then were never stored); the system's
-- events (expiry, reminders) have none.
ALTER TABLE referral_events ADD COLUMN by_label TEXT NOT NULL DEFAULT '';
UPDATE referral_events SET by_label = (SELECT CASE WHEN u.deleted_at IS NOT NULL THEN 'compte supprimé'
        WHEN u.display_name <> '' THEN u.display_name WHEN u.professional_email <> '' THEN u.professional_email
        ELSE 'compte sans nom' END FROM users u WHERE u.id = referral_events.by_user_id)
    WHERE by_user_id <> '' AND EXISTS (SELECT 1 FROM users u WHERE u.id = referral_events.by_user_id);

-- +goose Down
ALTER TABLE referral_events DROP COLUMN by_label;
