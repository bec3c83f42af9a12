-- +goose Up
-- PostgreSQL twin of ../00104_webhook_behind.sql.
-- A subscription whose queue reached its bound (CARNET_WEBHOOK_MAX_PENDING)
-- is « behind »: the fan-out stops rendering and storing its deliveries and
-- keeps only where it stopped, a cursor of the change feed; the worker
-- queues the changes after it again as the endpoint drains its queue, and
-- clears it once caught up (see FanOutWebhooks, CatchUpWebhookStep). NULL
-- while nothing is held back.
ALTER TABLE webhook_subscriptions ADD COLUMN behind_after BIGINT;
ALTER TABLE webhook_subscriptions ADD COLUMN behind_since timestamptz;

-- +goose Down
ALTER TABLE webhook_subscriptions DROP COLUMN behind_since;
ALTER TABLE webhook_subscriptions DROP COLUMN behind_after;
