-- +goose Up
-- PostgreSQL twin of ../00101_invitation_delivery.sql: how an invitation's
-- token was delivered; one shown to its inviter and used to create an
-- account discloses that account's credentials to the inviter. Earlier
-- invitations' delivery is unknown (taken as manual).
ALTER TABLE invitations ADD COLUMN delivery text NOT NULL DEFAULT 'unknown';

-- +goose Down
ALTER TABLE invitations DROP COLUMN delivery;
