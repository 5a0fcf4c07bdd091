-- A subscription's dead letters, newest first (issue 12): GET /api/v1/webhooks/{id}/deliveries?status=DEAD walked
-- the whole delivery log (V36's index) for them, 7 days of deliveries for a handful of dead letters. Only a delivery
-- that exhausted its retries enters this index, so the outbox's writes do not pay for it.
CREATE INDEX webhook_delivery_dead_idx ON webhook_delivery (subscription_id, id) WHERE status = 'DEAD';
