-- +goose Up
-- PostgreSQL twin of ../00073_trail_deleted_accounts.sql.
DROP TRIGGER trail_events_no_update ON trail_events;
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

-- +goose Down
DROP TRIGGER trail_events_no_update ON trail_events;
CREATE TRIGGER trail_events_no_update BEFORE UPDATE ON trail_events
    FOR EACH ROW EXECUTE FUNCTION trail_events_append_only();
