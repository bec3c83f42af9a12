-- +goose Up
-- PostgreSQL twin of ../00102_invitation_token_spent.sql: a token posted
-- without a session for an address that has an account is spent for that
-- use (answered as for a new address); the account signed in accepts it.
ALTER TABLE invitations ADD COLUMN token_spent_at timestamptz;

-- +goose Down
ALTER TABLE invitations DROP COLUMN token_spent_at;
