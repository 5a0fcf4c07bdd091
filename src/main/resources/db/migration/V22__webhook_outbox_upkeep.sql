-- The outbox without a foreign key to its subscription (issue 12). Every timeline event of a district
-- with a subscriber inserts outbox rows, and a foreign key made each insert lock the subscription's row
-- (FOR KEY SHARE): all concurrent filings of the district shared one row lock, which PostgreSQL keeps as
-- a multixact renewed by every filing. Deleting a subscription now deletes its deliveries itself
-- (io.gridloop.webhook.Webhooks.delete); a delivery written beside that delete by a transaction that
-- still saw the subscription is never sent (the worker joins the subscription) and is removed by the
-- outbox's retention (io.gridloop.webhook.OutboxRetention), like delivered rows past their keeping time.
ALTER TABLE webhook_delivery DROP CONSTRAINT webhook_delivery_subscription_id_fkey;
