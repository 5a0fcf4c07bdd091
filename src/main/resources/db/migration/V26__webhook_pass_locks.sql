-- The delivery worker's pass holds the stream heads it sends by row locks in one transaction
-- (io.gridloop.webhook.DeliveryWorker) instead of committing a lease on each first: one commit per
-- pass instead of three, one row version per delivery fewer. The lease's columns go with it.
ALTER TABLE webhook_delivery DROP COLUMN lease_until, DROP COLUMN lease_token;
