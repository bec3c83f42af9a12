-- +goose Up
-- PostgreSQL twin of ../00072_audit_deleted_accounts.sql: the update trigger
-- refuses every change but the label of a deleted account.
DROP TRIGGER audit_events_no_update ON audit_events;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    FOR EACH ROW WHEN (NOT (NEW.who_label = 'compte supprimé'
        AND NEW.seq IS NOT DISTINCT FROM OLD.seq AND NEW.entity IS NOT DISTINCT FROM OLD.entity
        AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
        AND NEW.action IS NOT DISTINCT FROM OLD.action AND NEW.channel IS NOT DISTINCT FROM OLD.channel
        AND NEW.who_kind IS NOT DISTINCT FROM OLD.who_kind AND NEW.who_id IS NOT DISTINCT FROM OLD.who_id
        AND NEW.suggestion_id IS NOT DISTINCT FROM OLD.suggestion_id AND NEW.version IS NOT DISTINCT FROM OLD.version
        AND NEW.at IS NOT DISTINCT FROM OLD.at AND NEW.changes IS NOT DISTINCT FROM OLD.changes))
    EXECUTE FUNCTION audit_events_append_only();

-- +goose Down
DROP TRIGGER audit_events_no_update ON audit_events;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
