-- +goose Up
-- An invitation to an address that already has an account is accepted only
-- by that account, signed in. The token posted without a session (with a
-- password) answers as for a new address, so that whoever holds a token
-- shown by hand cannot tell whether the address has an account; it is then
-- spent for that use (a second post answers as for a used token, as it does
-- once a new account was created), and stays valid for the account signed
-- in until it expires.
ALTER TABLE invitations ADD COLUMN token_spent_at TIMESTAMP;

-- +goose Down
ALTER TABLE invitations DROP COLUMN token_spent_at;
