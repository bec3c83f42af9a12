-- +goose Up
-- A subscription whose queue reached its bound (CARNET_WEBHOOK_MAX_PENDING)
-- is « behind »: the fan-out stops rendering and storing its deliveries and
-- keeps only where it stopped, a cursor of the change feed; the worker
-- queues the changes after it again as the endpoint drains its queue, and
-- clears it once caught up (see FanOutWebhooks, CatchUpWebhookStep). Twenty
-- subscriptions of dead endpoints had stored 320,424 rendered bodies, the
-- database growing from 4 MB to 786 MB. NULL while nothing is held back.
ALTER TABLE webhook_subscriptions ADD COLUMN behind_after INTEGER;
ALTER TABLE webhook_subscriptions ADD COLUMN behind_since TIMESTAMP;

-- +goose Down
ALTER TABLE webhook_subscriptions DROP COLUMN behind_since;
ALTER TABLE webhook_subscriptions DROP COLUMN behind_after;
