-- No planner statistics for the outbox's status (issue 12). A subscriber that keeps up leaves nearly
-- every row DELIVERED when autovacuum samples the table; from those statistics the planner takes the
-- pending part of the outbox for empty, and once a receiver falls behind it chose, for the delivery
-- worker's look-up of a stream's first pending delivery, a scan of the whole due index (V14) instead of
-- the stream index: 0.7 s a pass with 20,000 pending, every pass, until the next sample. How much of a
-- queue is pending swings within seconds; without statistics the planner assumes a small constant share
-- and takes the index made for each question (io.gridloop.webhook.DeliveryClaimPlanTest).
ALTER TABLE webhook_delivery ALTER COLUMN status SET STATISTICS 0;
-- dropping what was already sampled: changing a column's type removes its statistics (here to the same type,
-- which rewrites nothing but the indexes that name the column)
ALTER TABLE webhook_delivery ALTER COLUMN status TYPE text;
