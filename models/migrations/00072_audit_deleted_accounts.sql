-- +goose Up
-- The audit history stays append-only, with one exception: when a person
-- deletes their account, the label that named them (their e-mail) becomes
-- « compte supprimé ». Nothing else of an event may ever change.
DROP TRIGGER audit_events_no_update;
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

-- +goose Down
DROP TRIGGER audit_events_no_update;
-- +goose StatementBegin
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'the audit history is append-only');
END;
-- +goose StatementEnd
