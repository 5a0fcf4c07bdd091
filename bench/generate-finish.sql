-- After bench/ticket-file.py's tickets are loaded (psql -v numbers='<its numbers file>'): the service's
-- sequences move past what was loaded, so its next filing takes a free id and the next number of its
-- year (TicketNumbers: one sequence per district and year), and the planner learns the new tables.
SELECT setval('ticket_seq', CAST(CAST(:'numbers' AS jsonb) ->> 'next_ticket' AS bigint) + 100);
SELECT setval('ticket_event_seq', CAST(CAST(:'numbers' AS jsonb) ->> 'next_event' AS bigint) + 100);
SELECT format('CREATE SEQUENCE IF NOT EXISTS ticket_number_%s_%s', d.id, y.key) FROM jsonb_each(CAST(:'numbers' AS jsonb) -> 'numbers') y
 CROSS JOIN (SELECT id FROM region WHERE type = 'DISTRICT' ORDER BY id LIMIT 1) d \gexec
SELECT format('SELECT setval(%L, %s)', 'ticket_number_' || d.id || '_' || y.key, y.value) FROM jsonb_each(CAST(:'numbers' AS jsonb) -> 'numbers') y
 CROSS JOIN (SELECT id FROM region WHERE type = 'DISTRICT' ORDER BY id LIMIT 1) d \gexec
ANALYZE ticket;
ANALYZE ticket_event;
