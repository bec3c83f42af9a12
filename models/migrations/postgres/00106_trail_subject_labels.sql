-- +goose Up
-- PostgreSQL twin of ../00106_trail_subject_labels.sql.
-- The security trail named an account it was about (subject_kind account:
-- membership.added, account.password_reset_issued…) by its login e-mail,
-- which stays private to the person, their own structures' managers and
-- administrators; a webhook's owner, for an administrator, too. They are
-- named now as people are named everywhere (models.PersonLabel: display
-- name, else professional e-mail, else « compte sans nom »; probe 35, L2).
-- Only labels that are the account's login e-mail are rewritten, to the
-- name it bears now; the append-only trigger is lifted for this one
-- rewrite and set back as 00099 left it.
DROP TRIGGER trail_events_no_update ON trail_events;
UPDATE trail_events SET subject_label = (SELECT CASE WHEN u.display_name <> '' THEN u.display_name WHEN u.professional_email <> '' THEN u.professional_email
        ELSE 'compte sans nom' END FROM users u WHERE u.id = trail_events.subject_id)
    WHERE subject_kind = 'account' AND EXISTS (SELECT 1 FROM users u WHERE u.id = trail_events.subject_id
        AND u.deleted_at IS NULL AND lower(u.email) = lower(trail_events.subject_label));
CREATE TRIGGER trail_events_no_update BEFORE UPDATE ON trail_events
    FOR EACH ROW WHEN (NOT ((NEW.subject_label IS NOT DISTINCT FROM OLD.subject_label OR NEW.subject_label = 'compte supprimé')
        AND (NEW.who_label IS NOT DISTINCT FROM OLD.who_label OR NEW.who_label = 'compte supprimé')
        AND NEW.seq IS NOT DISTINCT FROM OLD.seq AND NEW.at IS NOT DISTINCT FROM OLD.at
        AND NEW.action IS NOT DISTINCT FROM OLD.action AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
        AND NEW.other_actor_id IS NOT DISTINCT FROM OLD.other_actor_id AND NEW.subject_kind IS NOT DISTINCT FROM OLD.subject_kind
        AND NEW.subject_id IS NOT DISTINCT FROM OLD.subject_id AND NEW.who_kind IS NOT DISTINCT FROM OLD.who_kind
        AND NEW.who_id IS NOT DISTINCT FROM OLD.who_id AND NEW.channel IS NOT DISTINCT FROM OLD.channel
        AND NEW.details IS NOT DISTINCT FROM OLD.details))
    EXECUTE FUNCTION trail_events_append_only();
UPDATE webhook_subscriptions SET owner_label = (SELECT CASE WHEN u.display_name <> '' THEN u.display_name WHEN u.professional_email <> '' THEN u.professional_email
        ELSE 'compte sans nom' END FROM users u WHERE u.id = webhook_subscriptions.owner_id)
    WHERE owner_kind = 'user' AND EXISTS (SELECT 1 FROM users u WHERE u.id = webhook_subscriptions.owner_id
        AND lower(u.email) = lower(webhook_subscriptions.owner_label));

-- +goose Down
-- The login e-mails are not put back: they were what the rewrite removed.
