-- +goose Up
-- People are named to others by the label recorded with each event
-- (models.PersonLabel): their display name, else the professional e-mail
-- they share, else « compte sans nom »; never their login e-mail, which the
-- history and the trail used to store and showed to other structures'
-- managers and to coordinators. The events stored before keep their ids;
-- their labels become the name each account bears now (the names they bore
-- then were not recorded), frozen from here on like every later label. The
-- append-only triggers are lifted for this one rewrite and set back as
-- 00072 and 00073 left them. Suggestions record their author's label too.
DROP TRIGGER audit_events_no_update;
UPDATE audit_events SET who_label = (SELECT CASE WHEN u.deleted_at IS NOT NULL THEN 'compte supprimé'
        WHEN u.display_name <> '' THEN u.display_name WHEN u.professional_email <> '' THEN u.professional_email
        ELSE 'compte sans nom' END FROM users u WHERE u.id = audit_events.who_id)
    WHERE who_kind = 'user' AND EXISTS (SELECT 1 FROM users u WHERE u.id = audit_events.who_id);
-- +goose StatementBegin
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
WHEN NOT (NEW.who_label = 'compte supprimé'
    AND NEW.seq IS OLD.seq AND NEW.entity IS OLD.entity AND NEW.entity_id IS OLD.entity_id
    AND NEW.actor_id IS OLD.actor_id AND NEW.action IS OLD.action AND NEW.channel IS OLD.channel
    AND NEW.who_kind IS OLD.who_kind AND NEW.who_id IS OLD.who_id AND NEW.suggestion_id IS OLD.suggestion_id
    AND NEW.version IS OLD.version AND NEW.at IS OLD.at AND NEW.changes IS OLD.changes)
BEGIN
    SELECT RAISE(ABORT, 'the audit history is append-only');
END;
-- +goose StatementEnd
DROP TRIGGER trail_events_no_update;
UPDATE trail_events SET who_label = (SELECT CASE WHEN u.deleted_at IS NOT NULL THEN 'compte supprimé'
        WHEN u.display_name <> '' THEN u.display_name WHEN u.professional_email <> '' THEN u.professional_email
        ELSE 'compte sans nom' END FROM users u WHERE u.id = trail_events.who_id)
    WHERE who_kind = 'user' AND EXISTS (SELECT 1 FROM users u WHERE u.id = trail_events.who_id);
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
ALTER TABLE suggestions ADD COLUMN author_label TEXT NOT NULL DEFAULT '';
UPDATE suggestions SET author_label = COALESCE((SELECT CASE WHEN u.deleted_at IS NOT NULL THEN 'compte supprimé'
        WHEN u.display_name <> '' THEN u.display_name WHEN u.professional_email <> '' THEN u.professional_email
        ELSE 'compte sans nom' END FROM users u WHERE u.id = suggestions.author_id), 'compte sans nom');

-- +goose Down
-- The login e-mails are not put back: they were what the rewrite removed.
ALTER TABLE suggestions DROP COLUMN author_label;
