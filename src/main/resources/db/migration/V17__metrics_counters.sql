-- Maintained aggregates of io.gridloop.metrics (docs/architecture.md, "How the figures stay exact").
-- Every figure but the "now" counts and the once-per-ticket supervision counts is a sum over the
-- append-only timeline, so it is kept as counters per (grid, local day in the district's zone) and per
-- (grid, month), incremented in the transaction that writes the fact by statement-level triggers that
-- reach every writer of ticket_event (TicketLedger.record and the deadline jobs' set-based statements).
-- INSERT ... ON CONFLICT DO UPDATE SET n = n + excluded.n commutes, so writers on any number of
-- instances leave the counters exact. The tickets filed, by their status, category and matter class
-- now, move -1/+1 with each change of the ticket row. Like webhook_enqueue (V14), these triggers are
-- the one place metrics reads ticket, ticket_event and (for working time) holiday directly: the
-- database sees the set-based writers' rows, Java does not. The rebuild and the check
-- (metrics.MetricsCounters) recount from ticket.TicketFacts instead, so the two are written apart.

-- The zone whose local days the counters are kept in. MetricsCounters sets it from gridloop.district.zone
-- at startup and rebuilds every counter when it changes.
CREATE TABLE metrics_zone (
    one  boolean PRIMARY KEY DEFAULT true CHECK (one),
    zone text    NOT NULL
);
INSERT INTO metrics_zone (zone) VALUES ('Asia/Shanghai');

-- grain 'D': the facts of one local day; grain 'M': of the month starting on day (a question for whole
-- months reads these). member_id 0: the grid's figures; otherwise the resolutions that member made in
-- the grid and the ratings of them (the board by member). Seconds are numeric, so sums are exact.
CREATE TABLE metrics_counter (
    district_id                bigint  NOT NULL,
    grain                      char(1) NOT NULL CHECK (grain IN ('D', 'M')),
    member_id                  bigint  NOT NULL,
    grid_path                  text COLLATE "C" NOT NULL,
    day                        date    NOT NULL,
    grid_id                    bigint  NOT NULL,
    response_due               bigint  NOT NULL DEFAULT 0,
    responded_in_time          bigint  NOT NULL DEFAULT 0,
    responses                  bigint  NOT NULL DEFAULT 0,
    response_seconds           numeric NOT NULL DEFAULT 0,
    response_working_seconds   numeric NOT NULL DEFAULT 0,
    resolved                   bigint  NOT NULL DEFAULT 0,
    resolved_with_due          bigint  NOT NULL DEFAULT 0,
    resolved_on_time           bigint  NOT NULL DEFAULT 0,
    resolved_timed             bigint  NOT NULL DEFAULT 0,
    resolution_seconds         numeric NOT NULL DEFAULT 0,
    resolution_working_seconds numeric NOT NULL DEFAULT 0,
    rated                      bigint  NOT NULL DEFAULT 0,
    rated_solved               bigint  NOT NULL DEFAULT 0,
    rated_satisfied            bigint  NOT NULL DEFAULT 0,
    rated_basically            bigint  NOT NULL DEFAULT 0,
    reopened                   bigint  NOT NULL DEFAULT 0,
    PRIMARY KEY (district_id, grain, member_id, grid_path, day)
);
-- a whole district or street over a period reads the period's rows, whatever the paths
CREATE INDEX metrics_counter_period_idx ON metrics_counter (district_id, grain, day, grid_path);

-- The tickets filed on a day (or in a month), by status, category and matter class now, and source.
CREATE TABLE metrics_filed (
    district_id  bigint  NOT NULL,
    grain        char(1) NOT NULL CHECK (grain IN ('D', 'M')),
    grid_path    text COLLATE "C" NOT NULL,
    day          date    NOT NULL,
    status       text    NOT NULL,
    category_id  bigint  NOT NULL,
    source       text    NOT NULL,
    matter_class text    NOT NULL,
    n            bigint  NOT NULL,
    PRIMARY KEY (district_id, grain, grid_path, day, status, category_id, source, matter_class)
);
CREATE INDEX metrics_filed_period_idx ON metrics_filed (district_id, grain, day, grid_path);

-- The working time of [a, b) in seconds by the district's calendar as the holiday table has it now: the
-- part of each local day that is a working day (a marked day as marked, else Monday to Friday), the
-- rule of V12's working_seconds and calendar.WorkingCalendar. PL/pgSQL, so its plan is made once per
-- session, not once per fact.
CREATE FUNCTION metrics_working_seconds(district bigint, a timestamptz, b timestamptz, zone text)
RETURNS numeric
LANGUAGE plpgsql STABLE AS $$
BEGIN
    IF a >= b THEN
        RETURN 0;
    END IF;
    RETURN (SELECT coalesce(sum(extract(epoch FROM least(b, CAST(g.day + 1 AS timestamp) AT TIME ZONE zone)
                                                 - greatest(a, CAST(g.day AS timestamp) AT TIME ZONE zone))), 0)
            FROM (SELECT CAST(s AS date) AS day
                  FROM generate_series(CAST(a AT TIME ZONE zone AS date), CAST(b AT TIME ZONE zone AS date), interval '1 day') s) g
            LEFT JOIN holiday h ON h.district_id = district AND h.day = g.day
            WHERE coalesce(h.working, extract(isodow FROM g.day) < 6));
END
$$;

-- Writers hold a district's lock shared; a rebuild holds it exclusively, so no increment falls between
-- its delete and its recount. (1117, district) is metrics' key space.
CREATE FUNCTION metrics_lock_shared(districts bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(1117, CAST(x.d % 2147483647 AS integer))
    FROM (SELECT DISTINCT d FROM unnest(districts) d ORDER BY d) x;
END
$$;

-- The facts each new event brings, as counter rows, the same meaning as ticket.TicketFacts: a dispatch
-- counts toward the response rate on its response deadline's day; the first claim after a dispatch
-- answers it (in time or not, on that same day) and times the response on its own day; a resolution
-- is on time by the deadline in force then (the last dispatch's or the last approved extension's) and
-- is counted for the grid and for its author; a rating by the reporter for the grid and for the author
-- of the resolution it judges.
CREATE FUNCTION metrics_count_events_of(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    zone text := (SELECT m.zone FROM metrics_zone m);
BEGIN
    IF cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    PERFORM metrics_lock_shared(ARRAY(SELECT DISTINCT e.district_id FROM unnest(ids) i (id) JOIN ticket_event e ON e.id = i.id));
    WITH ev AS (
        SELECT e.*, t.grid_id, t.grid_path FROM unnest(ids) i (id) JOIN ticket_event e ON e.id = i.id JOIN ticket t ON t.id = e.ticket_id
        WHERE e.action IN ('dispatch', 'claim', 'resolve', 'feedback')),
    facts AS (
        -- a dispatch: due for a response on its deadline's day
        SELECT e.district_id, e.grid_path, e.grid_id, 0 AS member_id,
               CAST(CAST(e.details->>'responseDueAt' AS timestamptz) AT TIME ZONE zone AS date) AS day,
               1 AS response_due, 0 AS responded_in_time, 0 AS responses, 0 AS response_seconds,
               0 AS response_working_seconds, 0 AS resolved, 0 AS resolved_with_due, 0 AS resolved_on_time,
               0 AS resolved_timed, 0 AS resolution_seconds, 0 AS resolution_working_seconds, 0 AS rated,
               0 AS rated_solved, 0 AS rated_satisfied, 0 AS rated_basically, 0 AS reopened
        FROM ev e WHERE e.action = 'dispatch' AND e.details->>'responseDueAt' IS NOT NULL
        UNION ALL
        -- the first claim after a dispatch: answered in time (on the deadline's day), and the response time (on its own)
        SELECT c.district_id, c.grid_path, c.grid_id, 0, g.day, 0, g.in_time, g.timed, g.seconds, g.working,
               0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
        FROM ev c
        CROSS JOIN LATERAL (SELECT d.created_at, d.id, CAST(d.details->>'responseDueAt' AS timestamptz) AS due
                            FROM ticket_event d
                            WHERE d.ticket_id = c.ticket_id AND d.action = 'dispatch' AND (d.created_at, d.id) < (c.created_at, c.id)
                            ORDER BY d.created_at DESC, d.id DESC LIMIT 1) d
        CROSS JOIN LATERAL (VALUES (CAST(d.due AT TIME ZONE zone AS date), CASE WHEN c.created_at <= d.due THEN 1 ELSE 0 END, 0, 0, 0),
                                   (CAST(c.created_at AT TIME ZONE zone AS date), 0, 1,
                                    extract(epoch FROM c.created_at - d.created_at),
                                    metrics_working_seconds(c.district_id, d.created_at, c.created_at, zone)))
                                   AS g (day, in_time, timed, seconds, working)
        WHERE c.action = 'claim' AND g.day IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ticket_event x
                          WHERE x.ticket_id = c.ticket_id AND x.action = 'claim'
                            AND (x.created_at, x.id) > (d.created_at, d.id) AND (x.created_at, x.id) < (c.created_at, c.id))
        UNION ALL
        -- a resolution: for the grid and for its author
        SELECT r.district_id, r.grid_path, r.grid_id, m.member_id, CAST(r.created_at AT TIME ZONE zone AS date),
               0, 0, 0, 0, 0, 1, CASE WHEN due.at IS NULL THEN 0 ELSE 1 END, CASE WHEN r.created_at <= due.at THEN 1 ELSE 0 END,
               CASE WHEN started.at IS NULL THEN 0 ELSE 1 END,
               coalesce(extract(epoch FROM r.created_at - started.at), 0),
               CASE WHEN started.at IS NULL THEN 0 ELSE metrics_working_seconds(r.district_id, started.at, r.created_at, zone) END,
               0, 0, 0, 0, 0
        FROM ev r
        LEFT JOIN LATERAL (SELECT x.created_at AS at FROM ticket_event x
                           WHERE x.ticket_id = r.ticket_id AND x.action = 'dispatch' AND (x.created_at, x.id) < (r.created_at, r.id)
                           ORDER BY x.created_at DESC, x.id DESC LIMIT 1) started ON true
        LEFT JOIN LATERAL (SELECT CAST(CASE x.action WHEN 'dispatch' THEN x.details->>'resolutionDueAt' ELSE x.details->>'to' END
                                       AS timestamptz) AS at
                           FROM ticket_event x
                           WHERE x.ticket_id = r.ticket_id AND (x.created_at, x.id) < (r.created_at, r.id)
                             AND (x.action = 'dispatch' OR (x.action = 'decide-extension' AND x.details->>'approved' = 'true'))
                           ORDER BY x.created_at DESC, x.id DESC LIMIT 1) due ON true
        CROSS JOIN LATERAL (VALUES (0), (r.actor_id)) m (member_id)
        WHERE r.action = 'resolve' AND m.member_id IS NOT NULL
        UNION ALL
        -- a rating by the reporter: for the grid and for the author of the resolution it judges
        SELECT f.district_id, f.grid_path, f.grid_id, m.member_id, CAST(f.created_at AT TIME ZONE zone AS date),
               0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
               CASE WHEN f.details->>'solved' = 'SOLVED' THEN 1 ELSE 0 END,
               CASE WHEN f.details->>'rating' = 'SATISFIED' THEN 1 ELSE 0 END,
               CASE WHEN f.details->>'rating' = 'BASICALLY_SATISFIED' THEN 1 ELSE 0 END,
               CASE WHEN f.to_status = 'TRIAGED' THEN 1 ELSE 0 END
        FROM ev f
        LEFT JOIN LATERAL (SELECT x.actor_id FROM ticket_event x
                           WHERE x.ticket_id = f.ticket_id AND x.action = 'resolve' AND (x.created_at, x.id) < (f.created_at, f.id)
                           ORDER BY x.created_at DESC, x.id DESC LIMIT 1) resolver ON true
        CROSS JOIN LATERAL (VALUES (0), (resolver.actor_id)) m (member_id)
        WHERE f.action = 'feedback' AND m.member_id IS NOT NULL)
    INSERT INTO metrics_counter AS c (district_id, grain, member_id, grid_path, day, grid_id, response_due, responded_in_time,
                                      responses, response_seconds, response_working_seconds, resolved, resolved_with_due,
                                      resolved_on_time, resolved_timed, resolution_seconds, resolution_working_seconds, rated,
                                      rated_solved, rated_satisfied, rated_basically, reopened)
    SELECT f.district_id, g.grain, f.member_id, f.grid_path, g.day, f.grid_id, sum(f.response_due), sum(f.responded_in_time),
           sum(f.responses), sum(f.response_seconds), sum(f.response_working_seconds), sum(f.resolved), sum(f.resolved_with_due),
           sum(f.resolved_on_time), sum(f.resolved_timed), sum(f.resolution_seconds), sum(f.resolution_working_seconds),
           sum(f.rated), sum(f.rated_solved), sum(f.rated_satisfied), sum(f.rated_basically), sum(f.reopened)
    FROM facts f
    CROSS JOIN LATERAL (VALUES ('D', f.day), ('M', CAST(date_trunc('month', CAST(f.day AS timestamp)) AS date))) g (grain, day)
    GROUP BY f.district_id, g.grain, f.member_id, f.grid_path, g.day, f.grid_id
    ORDER BY f.district_id, g.grain, f.member_id, f.grid_path, g.day
    ON CONFLICT (district_id, grain, member_id, grid_path, day) DO UPDATE SET
        response_due = c.response_due + excluded.response_due,
        responded_in_time = c.responded_in_time + excluded.responded_in_time,
        responses = c.responses + excluded.responses,
        response_seconds = c.response_seconds + excluded.response_seconds,
        response_working_seconds = c.response_working_seconds + excluded.response_working_seconds,
        resolved = c.resolved + excluded.resolved,
        resolved_with_due = c.resolved_with_due + excluded.resolved_with_due,
        resolved_on_time = c.resolved_on_time + excluded.resolved_on_time,
        resolved_timed = c.resolved_timed + excluded.resolved_timed,
        resolution_seconds = c.resolution_seconds + excluded.resolution_seconds,
        resolution_working_seconds = c.resolution_working_seconds + excluded.resolution_working_seconds,
        rated = c.rated + excluded.rated,
        rated_solved = c.rated_solved + excluded.rated_solved,
        rated_satisfied = c.rated_satisfied + excluded.rated_satisfied,
        rated_basically = c.rated_basically + excluded.rated_basically,
        reopened = c.reopened + excluded.reopened;
END
$$;

CREATE FUNCTION metrics_count_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM metrics_count_events_of(ARRAY(SELECT e.id FROM new_events e WHERE e.action IN ('dispatch', 'claim', 'resolve', 'feedback')));
    RETURN NULL;
END
$$;
CREATE TRIGGER metrics_count_events AFTER INSERT ON ticket_event
    REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION metrics_count_events();

-- The tickets filed: +1 for each ticket as it is now, -1 for each as it was (or removed: a ticket
-- without events, as only those can be); a change that moves no count (most updates) writes nothing.
CREATE FUNCTION metrics_count_tickets() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    zone text := (SELECT m.zone FROM metrics_zone m);
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM metrics_lock_shared(ARRAY(SELECT DISTINCT t.district_id FROM new_tickets t));
        INSERT INTO metrics_filed AS f (district_id, grain, grid_path, day, status, category_id, source, matter_class, n)
        SELECT t.district_id, g.grain, t.grid_path, g.day, t.status, t.category_id, t.source,
               coalesce(t.matter_class, 'UNCLASSIFIED'), count(*)
        FROM new_tickets t
        CROSS JOIN LATERAL (VALUES ('D', CAST(t.created_at AT TIME ZONE zone AS date)),
                                   ('M', CAST(date_trunc('month', t.created_at AT TIME ZONE zone) AS date))) g (grain, day)
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
        ON CONFLICT (district_id, grain, grid_path, day, status, category_id, source, matter_class) DO UPDATE SET n = f.n + excluded.n;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM metrics_lock_shared(ARRAY(SELECT DISTINCT o.district_id FROM old_tickets o));
        INSERT INTO metrics_filed AS f (district_id, grain, grid_path, day, status, category_id, source, matter_class, n)
        SELECT o.district_id, g.grain, o.grid_path, g.day, o.status, o.category_id, o.source,
               coalesce(o.matter_class, 'UNCLASSIFIED'), -count(*)
        FROM old_tickets o
        CROSS JOIN LATERAL (VALUES ('D', CAST(o.created_at AT TIME ZONE zone AS date)),
                                   ('M', CAST(date_trunc('month', o.created_at AT TIME ZONE zone) AS date))) g (grain, day)
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
        ON CONFLICT (district_id, grain, grid_path, day, status, category_id, source, matter_class) DO UPDATE SET n = f.n + excluded.n;
    ELSE
        PERFORM metrics_lock_shared(ARRAY(SELECT DISTINCT t.district_id FROM new_tickets t JOIN old_tickets o ON o.id = t.id
                                          WHERE (o.status, o.category_id, o.matter_class) IS DISTINCT FROM
                                                (t.status, t.category_id, t.matter_class)));
        INSERT INTO metrics_filed AS f (district_id, grain, grid_path, day, status, category_id, source, matter_class, n)
        SELECT x.district_id, g.grain, x.grid_path, g.day, x.status, x.category_id, x.source,
               coalesce(x.matter_class, 'UNCLASSIFIED'), sum(x.n)
        FROM (SELECT t.district_id, t.grid_path, t.created_at, t.status, t.category_id, t.source, t.matter_class, 1 AS n FROM new_tickets t
              UNION ALL
              SELECT o.district_id, o.grid_path, o.created_at, o.status, o.category_id, o.source, o.matter_class, -1 FROM old_tickets o) x
        CROSS JOIN LATERAL (VALUES ('D', CAST(x.created_at AT TIME ZONE zone AS date)),
                                   ('M', CAST(date_trunc('month', x.created_at AT TIME ZONE zone) AS date))) g (grain, day)
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(x.n) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
        ON CONFLICT (district_id, grain, grid_path, day, status, category_id, source, matter_class) DO UPDATE SET n = f.n + excluded.n;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER metrics_count_filed_tickets AFTER INSERT ON ticket
    REFERENCING NEW TABLE AS new_tickets FOR EACH STATEMENT EXECUTE FUNCTION metrics_count_tickets();
CREATE TRIGGER metrics_count_changed_tickets AFTER UPDATE ON ticket
    REFERENCING OLD TABLE AS old_tickets NEW TABLE AS new_tickets FOR EACH STATEMENT EXECUTE FUNCTION metrics_count_tickets();
CREATE TRIGGER metrics_count_removed_tickets AFTER DELETE ON ticket
    REFERENCING OLD TABLE AS old_tickets FOR EACH STATEMENT EXECUTE FUNCTION metrics_count_tickets();

-- What the timeline and the tickets hold already, counted as the triggers would have.
SELECT metrics_count_events_of(ARRAY(SELECT e.id FROM ticket_event e WHERE e.action IN ('dispatch', 'claim', 'resolve', 'feedback')));
INSERT INTO metrics_filed (district_id, grain, grid_path, day, status, category_id, source, matter_class, n)
SELECT t.district_id, g.grain, t.grid_path, g.day, t.status, t.category_id, t.source, coalesce(t.matter_class, 'UNCLASSIFIED'),
       count(*)
FROM ticket t
CROSS JOIN LATERAL (VALUES ('D', CAST(t.created_at AT TIME ZONE 'Asia/Shanghai' AS date)),
                           ('M', CAST(date_trunc('month', t.created_at AT TIME ZONE 'Asia/Shanghai') AS date))) g (grain, day)
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
