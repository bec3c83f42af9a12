-- +goose Up
-- The security trail (issue 12): who gave or took which rights, and who read
-- a referral's personal data without being one of its structures' ordinary,
-- long-standing members. It never holds a referred person's data: a
-- referral is named by its id only. Append-only, like audit_events.
CREATE TABLE trail_events (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    at             TIMESTAMP NOT NULL,
    action         TEXT NOT NULL,            -- e.g. 'membership.added', 'referral.read'
    actor_id       TEXT NOT NULL DEFAULT '', -- the structure concerned, '' for platform events
    other_actor_id TEXT NOT NULL DEFAULT '', -- a second structure (the other side of a referral)
    subject_kind   TEXT NOT NULL,            -- 'account', 'client', 'referral', 'invitation'
    subject_id     TEXT NOT NULL,
    subject_label  TEXT NOT NULL DEFAULT '', -- an account's e-mail, a client's name; never a referred person
    who_kind       TEXT NOT NULL,            -- 'user', 'client' or 'system'
    who_id         TEXT NOT NULL DEFAULT '',
    who_label      TEXT NOT NULL DEFAULT '',
    channel        TEXT NOT NULL,
    details        TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX trail_events_actor ON trail_events (actor_id, seq) WHERE actor_id <> '';
CREATE INDEX trail_events_other ON trail_events (other_actor_id, seq) WHERE other_actor_id <> '';
CREATE INDEX trail_events_subject ON trail_events (subject_kind, subject_id, seq);
-- +goose StatementBegin
CREATE TRIGGER trail_events_no_update BEFORE UPDATE ON trail_events
BEGIN
    SELECT RAISE(ABORT, 'the security trail is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER trail_events_no_delete BEFORE DELETE ON trail_events
BEGIN
    SELECT RAISE(ABORT, 'the security trail is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE trail_events;
