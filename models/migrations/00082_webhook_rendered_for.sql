-- +goose Up
-- The rights a delivery's body was rendered with (see webhookRights): at
-- send time a delivery whose owner's rights differ is withheld rather than
-- sent with what the owner may no longer see. Empty for deliveries queued
-- before this column: those are checked only for the owner's right to
-- receive webhooks.
ALTER TABLE webhook_deliveries ADD COLUMN rendered_for TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE webhook_deliveries DROP COLUMN rendered_for;
