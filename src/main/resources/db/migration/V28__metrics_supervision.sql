-- The overdue and supervised counts without reading the timeline (docs/architecture.md, "How the figures
-- stay exact").
--
-- A summary counts each ticket once in a period: overdue if the overdue scan raised it (escalate) in the
-- period, supervised if it was put at YELLOW or RED in the period. Until now these were read live, as the
-- period's escalate and supervise events joined to their tickets for scope, with count(DISTINCT ticket).
-- On 1,000,000 generated tickets a district's year is 39,788 such events: 0.46-1.18 s, which kept a year,
-- a daily series and groupBy=child above 50 ms.
--
-- Each such event is now a narrow row of its own, with the local day of the same ticket's previous event of
-- the same kind. A ticket counts once in the days a..b exactly when one of its events falls in a..b with no
-- earlier one on or after a: count the events in a..b whose previous day is null or before a. No DISTINCT,
-- no join, one index range, whatever the bucket (a series' step compares with its own first day).
-- Written by metrics_count_events (the statement-level trigger of V17), which now also passes the escalate
-- and supervise events here; checked and rebuilt by metrics.MetricsCounters from ticket.TicketFacts.
CREATE TABLE metrics_supervision (
    event_id          bigint  PRIMARY KEY,
    ticket_id         bigint  NOT NULL,
    district_id       bigint  NOT NULL,
    grid_path         text COLLATE "C" NOT NULL,
    day               date    NOT NULL,
    overdue           boolean NOT NULL,
    supervised        boolean NOT NULL,
    -- the day of the ticket's previous overdue (supervised) event; null when this one is its first or not overdue (supervised)
    overdue_before    date,
    supervised_before date,
    CHECK (overdue OR supervised)
);
-- a region's period: the district's days, read with everything a count needs (an index-only scan)
CREATE INDEX metrics_supervision_period_idx ON metrics_supervision (district_id, day)
    INCLUDE (grid_path, overdue, supervised, overdue_before, supervised_before);
-- a grid's or community's period, and the previous event of a ticket
CREATE INDEX metrics_supervision_path_idx ON metrics_supervision (district_id, grid_path, day)
    INCLUDE (overdue, supervised, overdue_before, supervised_before);
CREATE INDEX metrics_supervision_ticket_idx ON metrics_supervision (ticket_id, day);

-- The rows of new escalate and supervise events. One ticket's events are written one after another (each
-- changes the ticket row), so its rows already stored are its earlier ones; within one statement the
-- window orders them as the timeline does, by (created_at, id).
CREATE FUNCTION metrics_record_supervision(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    zone text := (SELECT m.zone FROM metrics_zone m);
BEGIN
    IF cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    PERFORM metrics_lock_shared(ARRAY(SELECT DISTINCT e.district_id FROM unnest(ids) i (id) JOIN ticket_event e ON e.id = i.id));
    INSERT INTO metrics_supervision (event_id, ticket_id, district_id, grid_path, day, overdue, supervised, overdue_before,
                                     supervised_before)
    SELECT s.id, s.ticket_id, s.district_id, t.grid_path, s.day, s.overdue, s.supervised,
           CASE WHEN s.overdue THEN coalesce(max(s.day) FILTER (WHERE s.overdue) OVER w,
                    (SELECT max(p.day) FROM metrics_supervision p WHERE p.ticket_id = s.ticket_id AND p.overdue)) END,
           CASE WHEN s.supervised THEN coalesce(max(s.day) FILTER (WHERE s.supervised) OVER w,
                    (SELECT max(p.day) FROM metrics_supervision p WHERE p.ticket_id = s.ticket_id AND p.supervised)) END
    FROM (SELECT e.id, e.ticket_id, e.district_id, e.created_at, CAST(e.created_at AT TIME ZONE zone AS date) AS day,
                 e.action = 'escalate' AS overdue, coalesce(e.details->>'level' IN ('YELLOW', 'RED'), false) AS supervised
          FROM unnest(ids) i (id) JOIN ticket_event e ON e.id = i.id
          WHERE e.action IN ('escalate', 'supervise')) s
    JOIN ticket t ON t.id = s.ticket_id
    WHERE s.overdue OR s.supervised
    WINDOW w AS (PARTITION BY s.ticket_id ORDER BY s.created_at, s.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING);
END
$$;

CREATE OR REPLACE FUNCTION metrics_count_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM metrics_count_events_of(ARRAY(SELECT e.id FROM new_events e WHERE e.action IN ('dispatch', 'claim', 'resolve', 'feedback')));
    PERFORM metrics_record_supervision(ARRAY(SELECT e.id FROM new_events e WHERE e.action IN ('escalate', 'supervise')));
    RETURN NULL;
END
$$;

-- The events already written, as one statement of the trigger would count them (its window orders each
-- ticket's events; none of them is stored yet).
SELECT metrics_record_supervision(ARRAY(SELECT e.id FROM ticket_event e WHERE e.action IN ('escalate', 'supervise')));
