-- +goose Up
-- The security trail stays append-only, with the exception the audit
-- history has (00072): when a person deletes their account, the labels that
-- named them (their e-mail, as subject or as author) become
-- « compte supprimé ». Nothing else of an event may ever change.
DROP TRIGGER trail_events_no_update;
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

-- +goose Down
DROP TRIGGER trail_events_no_update;
-- +goose StatementBegin
CREATE TRIGGER trail_events_no_update BEFORE UPDATE ON trail_events
BEGIN
    SELECT RAISE(ABORT, 'the security trail is append-only');
END;
-- +goose StatementEnd
