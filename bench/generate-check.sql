-- The invariants the service keeps and its figures rely on, over every ticket: each count must be 0.
SELECT 'tickets whose status is not what their last event left: ' || count(*)
  FROM ticket t JOIN LATERAL (SELECT e.to_status FROM ticket_event e WHERE e.ticket_id = t.id
                              ORDER BY e.created_at DESC, e.id DESC LIMIT 1) last ON true
 WHERE last.to_status <> t.status;
SELECT 'tickets without a filing event first: ' || count(*)
  FROM ticket t JOIN LATERAL (SELECT e.action, e.created_at FROM ticket_event e WHERE e.ticket_id = t.id
                              ORDER BY e.created_at, e.id LIMIT 1) first ON true
 WHERE first.action <> 'file' OR first.created_at <> t.created_at;
SELECT 'events whose from-status is not the status before them: ' || count(*)
  FROM (SELECT from_status, lag(to_status) OVER (PARTITION BY ticket_id ORDER BY created_at, id) AS before, action
          FROM ticket_event) e
 WHERE e.action <> 'file' AND e.from_status IS DISTINCT FROM e.before;
SELECT 'tickets whose reopen count is not their reopening ratings: ' || count(*)
  FROM ticket t
 WHERE t.reopen_count <> (SELECT count(*) FROM ticket_event e WHERE e.ticket_id = t.id AND e.action = 'feedback'
                            AND e.to_status = 'TRIAGED');
SELECT 'closed tickets whose rating is not their last rating event''s: ' || count(*)
  FROM ticket t JOIN LATERAL (SELECT e.details ->> 'rating' AS rating, e.created_at FROM ticket_event e
                              WHERE e.ticket_id = t.id AND e.action IN ('feedback', 'auto-close')
                              ORDER BY e.created_at DESC, e.id DESC LIMIT 1) last ON true
 WHERE t.status = 'CLOSED' AND (t.rating IS DISTINCT FROM last.rating OR t.closed_at <> last.created_at);
SELECT 'dispatches without their deadlines in the event, or open tickets whose deadlines differ from their last dispatch: ' || count(*)
  FROM ticket t JOIN LATERAL (SELECT e.details FROM ticket_event e WHERE e.ticket_id = t.id AND e.action = 'dispatch'
                              ORDER BY e.created_at DESC, e.id DESC LIMIT 1) d ON true
 WHERE d.details ->> 'responseDueAt' IS NULL
    OR (t.status IN ('DISPATCHED', 'CLAIMED', 'IN_PROGRESS')
        AND (CAST(d.details ->> 'responseDueAt' AS timestamptz) <> t.response_due_at
             OR CAST(d.details ->> 'resolutionDueAt' AS timestamptz) <> t.resolution_due_at));
SELECT 'tickets supervised without an escalation, or escalated and not supervised: ' || count(*)
  FROM ticket t
 WHERE (t.supervision <> 'NORMAL') <> EXISTS (SELECT 1 FROM ticket_event e WHERE e.ticket_id = t.id AND e.action = 'escalate');
-- a reminder (the deadline job's) is on the timeline but leaves the ticket as it was, its version too
SELECT 'tickets whose version is not their events less the filing and the reminders: ' || count(*)
  FROM ticket t WHERE t.version <> (SELECT count(*) - 1 FROM ticket_event e WHERE e.ticket_id = t.id AND e.action <> 'remind');
SELECT 'share closed: ' || round(100.0 * count(*) FILTER (WHERE status = 'CLOSED') / count(*), 1) || ' %, RED: '
       || round(100.0 * count(*) FILTER (WHERE supervision = 'RED') / count(*), 1) || ' %, supervised: '
       || round(100.0 * count(*) FILTER (WHERE supervision <> 'NORMAL') / count(*), 1) || ' %, reopened: '
       || round(100.0 * count(*) FILTER (WHERE reopen_count > 0) / count(*), 1) || ' % (a description, not a check)'
  FROM ticket;
