-- +goose Up
-- PostgreSQL twin of ../00105_invitation_revoked.sql: a structure's
-- managers revoke a pending invitation; its token no longer works.
ALTER TABLE invitations ADD COLUMN revoked_at timestamptz;

-- +goose Down
ALTER TABLE invitations DROP COLUMN revoked_at;
