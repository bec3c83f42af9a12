-- +goose Up
-- The deliveries still waiting (pending or being sent), by subscription and
-- by record, in seq order: claiming reads only these. Through the other
-- indexes a claim read every delivery the subscription kept in its log
-- (300,000 delivered rows: 93 ms a claim, and a sort), and the check that
-- a delivery is first of its record read the record's whole history.
CREATE INDEX webhook_deliveries_waiting ON webhook_deliveries (subscription_id, seq, id) WHERE state IN ('pending', 'sending');
CREATE INDEX webhook_deliveries_record_waiting ON webhook_deliveries (subscription_id, entity_id, seq, id) WHERE state IN ('pending', 'sending');

-- +goose Down
DROP INDEX webhook_deliveries_record_waiting;
DROP INDEX webhook_deliveries_waiting;
