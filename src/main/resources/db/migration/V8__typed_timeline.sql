-- The timeline keeps each event's facts typed, in `details` (one JSON object whose shape the action
-- decides, see io.gridloop.ticket.TicketFact), and `note` keeps only what a person wrote.
ALTER TABLE ticket_event ADD COLUMN details jsonb;

-- Earlier events kept their facts inside the note as text; they are rewritten once, here. The table
-- is append-only for everyone else, so its owner lifts the guard for this migration alone.
ALTER TABLE ticket_event DISABLE TRIGGER ticket_event_append_only;

-- feedback: "SATISFIED/SOLVED" or "SATISFIED/SOLVED: comment"
UPDATE ticket_event SET
    details = jsonb_build_object('rating', split_part(m[1], '/', 1), 'solved', split_part(m[1], '/', 2)),
    note = m[3]
FROM (SELECT id AS event_id, regexp_match(note, '^([A-Z_]+/[A-Z_]+)(: (.*))?$', 's') AS m
        FROM ticket_event WHERE action = 'feedback') parsed
WHERE id = parsed.event_id AND parsed.m IS NOT NULL;

-- verify: "passed", "failed", or either followed by ": note"
UPDATE ticket_event SET
    details = jsonb_build_object('passed', m[1] = 'passed'),
    note = m[3]
FROM (SELECT id AS event_id, regexp_match(note, '^(passed|failed)(: (.*))?$', 's') AS m
        FROM ticket_event WHERE action = 'verify') parsed
WHERE id = parsed.event_id AND parsed.m IS NOT NULL;

-- reject: "DUPLICATE" or "DUPLICATE: note"; the original comes from the ticket
UPDATE ticket_event e SET
    details = jsonb_strip_nulls(jsonb_build_object('reason', m[1], 'duplicateOf', t.duplicate_of)),
    note = m[3]
FROM (SELECT id AS event_id, ticket_id AS of_ticket, regexp_match(note, '^([A-Z_]+)(: (.*))?$', 's') AS m
        FROM ticket_event WHERE action = 'reject') parsed
JOIN ticket t ON t.id = parsed.of_ticket
WHERE e.id = parsed.event_id AND parsed.m IS NOT NULL;

-- supervise: "YELLOW" or "YELLOW: note"; escalate: "RED"
UPDATE ticket_event SET
    details = jsonb_build_object('level', m[1]),
    note = m[3]
FROM (SELECT id AS event_id, regexp_match(note, '^(NORMAL|YELLOW|RED)(: (.*))?$', 's') AS m
        FROM ticket_event WHERE action IN ('supervise', 'escalate')) parsed
WHERE id = parsed.event_id AND parsed.m IS NOT NULL;

-- request-extension: "#12 → 2026-12-01T10:00Z: reason"
UPDATE ticket_event SET
    details = jsonb_build_object('requestId', CAST(m[1] AS bigint),
                                 'to', to_char(CAST(m[2] AS timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
    note = m[3]
FROM (SELECT id AS event_id, regexp_match(note, '^#([0-9]+) → (\S+): (.*)$', 's') AS m
        FROM ticket_event WHERE action = 'request-extension') parsed
WHERE id = parsed.event_id AND parsed.m IS NOT NULL;

-- decide-extension: "#12 approved" or "#12 refused: note"; the requested time comes from the request
UPDATE ticket_event e SET
    details = jsonb_build_object('requestId', CAST(m[1] AS bigint), 'approved', m[2] = 'approved',
                                 'to', to_char(x.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
    note = m[4]
FROM (SELECT id AS event_id, regexp_match(note, '^#([0-9]+) (approved|refused)(: (.*))?$', 's') AS m
        FROM ticket_event WHERE action = 'decide-extension') parsed
JOIN ticket_extension x ON TRUE
WHERE e.id = parsed.event_id AND parsed.m IS NOT NULL AND x.id = CAST(parsed.m[1] AS bigint);

-- remind: "RESPONSE 2026-12-01 10:00:00+00"
UPDATE ticket_event SET
    details = jsonb_build_object('deadline', m[1],
                                 'dueAt', to_char(CAST(m[2] AS timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
    note = NULL
FROM (SELECT id AS event_id, regexp_match(note, '^(RESPONSE|RESOLUTION) (.+)$') AS m
        FROM ticket_event WHERE action = 'remind') parsed
WHERE id = parsed.event_id AND parsed.m IS NOT NULL;

-- auto-close wrote no note; its fact is the rating it leaves
UPDATE ticket_event SET details = '{"rating": "NOT_RATED"}' WHERE action = 'auto-close';

ALTER TABLE ticket_event ENABLE TRIGGER ticket_event_append_only;
