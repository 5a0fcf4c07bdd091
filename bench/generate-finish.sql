-- After bench/ticket-file.py's tickets are loaded: the service's sequences move past what is in the
-- tables, so its next filing takes a free id and the next number of its year (TicketNumbers: one
-- sequence per district and year, GL-2026-000123), and the planner learns the new tables.
SELECT setval('ticket_seq', (SELECT max(id) FROM ticket) + 100);
SELECT setval('ticket_event_seq', (SELECT max(id) FROM ticket_event) + 100);
SELECT format('CREATE SEQUENCE IF NOT EXISTS ticket_number_%s_%s', district_id, substr(number, 4, 4))
  FROM ticket WHERE number ~ '^GL-[0-9]{4}-[0-9]+$' GROUP BY district_id, substr(number, 4, 4) \gexec
SELECT format('SELECT setval(%L, %s)', 'ticket_number_' || district_id || '_' || substr(number, 4, 4),
              max(CAST(substr(number, 9) AS bigint)))
  FROM ticket WHERE number ~ '^GL-[0-9]{4}-[0-9]+$' GROUP BY district_id, substr(number, 4, 4) \gexec
ANALYZE ticket;
ANALYZE ticket_event;
ANALYZE ticket_search;
