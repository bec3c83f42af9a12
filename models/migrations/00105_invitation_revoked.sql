-- +goose Up
-- A structure's managers list its pending invitations and may revoke one
-- (a wrong address, a person who left before accepting): a revoked
-- invitation's token no longer works, for a new account or signed in, and
-- an Idempotency-Key replay of its creation issues no new token.
ALTER TABLE invitations ADD COLUMN revoked_at TIMESTAMP;

-- +goose Down
ALTER TABLE invitations DROP COLUMN revoked_at;
