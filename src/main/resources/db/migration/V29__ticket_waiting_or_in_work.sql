-- The overdue list's lead (ticket.TicketQueries.listStatement): the tickets waiting to be claimed or in work,
-- newest first. Overdue tickets are found among these (V4's deadline indexes name the same statuses); the
-- newest tickets of all are hardly ever overdue yet, so a walk of them, which is how the planner prices
-- overdue=true, read 29,253 tickets of 1,000,000 for a page of 21 (1.3 s) where these give it within the
-- first few dozen.
CREATE INDEX ticket_waiting_or_in_work_idx ON ticket (district_id, id DESC) WHERE status IN ('DISPATCHED', 'CLAIMED', 'IN_PROGRESS');
