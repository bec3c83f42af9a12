-- +goose Up
-- The security trail named an account it was about (subject_kind account:
-- membership.added, account.password_reset_issued…) by its login e-mail,
-- which stays private to the person, their own structures' managers and
-- administrators; a webhook's owner, for an administrator, too. They are
-- named now as people are named everywhere (models.PersonLabel: display
-- name, else professional e-mail, else « compte sans nom »; probe 35, L2).
-- Only labels that are the account's login e-mail are rewritten, to the
-- name it bears now; the append-only trigger is lifted for this one
-- rewrite and set back as 00099 left it.
DROP TRIGGER trail_events_no_update;
UPDATE trail_events SET subject_label = (SELECT CASE WHEN u.display_name <> '' THEN u.display_name WHEN u.professional_email <> '' THEN u.professional_email
        ELSE 'compte sans nom' END FROM users u WHERE u.id = trail_events.subject_id)
    WHERE subject_kind = 'account' AND EXISTS (SELECT 1 FROM users u WHERE u.id = trail_events.subject_id
        AND u.deleted_at IS NULL AND lower(u.email) = lower(trail_events.subject_label));
-- +goose StatementBegin
CREATE TRIGGER trail_events_no_update BEFORE UPDATE ON trail_events
WHEN NOT ((NEW.subject_label IS OLD.subject_label OR NEW.subject_label = 'compte supprimé')
    AND (NEW.who_label IS OLD.who_label OR NEW.who_label = 'compte supprimé')
    AND NEW.seq IS OLD.seq AND NEW.at IS OLD.at AND NEW.action IS OLD.action AND NEW.actor_id IS OLD.actor_id
    AND NEW.other_actor_id IS OLD.other_actor_id AND NEW.subject_kind IS OLD.subject_kind AND NEW.subject_id IS OLD.subject_id
    AND NEW.who_kind IS OLD.who_kind AND NEW.who_id IS OLD.who_id AND NEW.channel IS OLD.channel AND NEW.details IS OLD.details)
BEGIN
    SELECT RAISE(ABORT, 'the security trail is append-only');
END;
-- +goose StatementEnd
UPDATE webhook_subscriptions SET owner_label = (SELECT CASE WHEN u.display_name <> '' THEN u.display_name WHEN u.professional_email <> '' THEN u.professional_email
        ELSE 'compte sans nom' END FROM users u WHERE u.id = webhook_subscriptions.owner_id)
    WHERE owner_kind = 'user' AND EXISTS (SELECT 1 FROM users u WHERE u.id = webhook_subscriptions.owner_id
        AND lower(u.email) = lower(webhook_subscriptions.owner_label));

-- +goose Down
-- The login e-mails are not put back: they were what the rewrite removed.
