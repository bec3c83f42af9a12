-- +goose Up
-- PostgreSQL twin of ../00099_who_labels.sql: labels recorded as people are
-- named to others, never their login e-mail; the update triggers are set
-- back as 00072 and 00073 left them.
DROP TRIGGER audit_events_no_update ON audit_events;
UPDATE audit_events SET who_label = (SELECT CASE WHEN u.deleted_at IS NOT NULL THEN 'compte supprimé'
        WHEN u.display_name <> '' THEN u.display_name WHEN u.professional_email <> '' THEN u.professional_email
        ELSE 'compte sans nom' END FROM users u WHERE u.id = audit_events.who_id)
    WHERE who_kind = 'user' AND EXISTS (SELECT 1 FROM users u WHERE u.id = audit_events.who_id);
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    FOR EACH ROW WHEN (NOT (NEW.who_label = 'compte supprimé'
        AND NEW.seq IS NOT DISTINCT FROM OLD.seq AND NEW.entity IS NOT DISTINCT FROM OLD.entity
        AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
        AND NEW.action IS NOT DISTINCT FROM OLD.action AND NEW.channel IS NOT DISTINCT FROM OLD.channel
        AND NEW.who_kind IS NOT DISTINCT FROM OLD.who_kind AND NEW.who_id IS NOT DISTINCT FROM OLD.who_id
        AND NEW.suggestion_id IS NOT DISTINCT FROM OLD.suggestion_id AND NEW.version IS NOT DISTINCT FROM OLD.version
        AND NEW.at IS NOT DISTINCT FROM OLD.at AND NEW.changes IS NOT DISTINCT FROM OLD.changes))
    EXECUTE FUNCTION audit_events_append_only();
DROP TRIGGER trail_events_no_update ON trail_events;
UPDATE trail_events SET who_label = (SELECT CASE WHEN u.deleted_at IS NOT NULL THEN 'compte supprimé'
        WHEN u.display_name <> '' THEN u.display_name WHEN u.professional_email <> '' THEN u.professional_email
        ELSE 'compte sans nom' END FROM users u WHERE u.id = trail_events.who_id)
    WHERE who_kind = 'user' AND EXISTS (SELECT 1 FROM users u WHERE u.id = trail_events.who_id);
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
ALTER TABLE suggestions ADD COLUMN author_label text NOT NULL DEFAULT '';
UPDATE suggestions SET author_label = COALESCE((SELECT CASE WHEN u.deleted_at IS NOT NULL THEN 'compte supprimé'
        WHEN u.display_name <> '' THEN u.display_name WHEN u.professional_email <> '' THEN u.professional_email
        ELSE 'compte sans nom' END FROM users u WHERE u.id = suggestions.author_id), 'compte sans nom');

-- +goose Down
-- The login e-mails are not put back: they were what the rewrite removed.
ALTER TABLE suggestions DROP COLUMN author_label;
