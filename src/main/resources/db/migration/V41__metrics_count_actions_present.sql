-- The counters' trigger and function (V17, V23, V28, V39) run the statements of the events at hand only.
--
-- Its one statement had a branch for each counted action (a dispatch, a claim, a resolution, a rating), and
-- PostgreSQL started all four branches, with their lateral lookups, for events that need one: under whole loops the
-- function took 12.5 % of PostgreSQL's samples, and inside the triggers starting the executor cost as much as running
-- it (docs/benchmarks.md, 2026-12-06). Now the statement that finds the new events' districts for the lock also finds
-- their actions, and each counted action present collects its facts with a statement of its own, into one array of
-- metrics_fact; the one INSERT ... GROUP BY of V23 adds them up as before. The same facts, the same rows.
-- The trigger (V28) found the counted events and the supervision events with a statement each, and called both
-- functions whatever it found; it now finds both with one statement and calls a function only for events it has.
CREATE TYPE metrics_fact AS (
    district_id                bigint,
    grid_path                  text COLLATE "C",
    grid_id                    bigint,
    member_id                  bigint,
    day                        date,
    response_due               bigint,
    responded_in_time          bigint,
    responses                  bigint,
    response_seconds           numeric,
    response_working_seconds   numeric,
    resolved                   bigint,
    resolved_with_due          bigint,
    resolved_on_time           bigint,
    resolved_timed             bigint,
    resolution_seconds         numeric,
    resolution_working_seconds numeric,
    rated                      bigint,
    rated_solved               bigint,
    rated_satisfied            bigint,
    rated_basically            bigint,
    reopened                   bigint
);

CREATE OR REPLACE FUNCTION metrics_count_events_of(ids bigint[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
    zone text := (SELECT m.zone FROM metrics_zone m);
    actions text[];
    districts bigint[];
    facts metrics_fact[] := '{}';
BEGIN
    IF cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    SELECT array_agg(DISTINCT e.action), array_agg(DISTINCT e.district_id) INTO actions, districts
    FROM unnest(ids) i (id) JOIN ticket_event e ON e.id = i.id;
    PERFORM metrics_lock_shared(districts);
    IF 'dispatch' = ANY (actions) THEN
        -- a dispatch: due for a response on its deadline's day
        facts := facts || ARRAY(
            SELECT CAST(ROW(e.district_id, t.grid_path, t.grid_id, 0,
                            CAST(CAST(e.details->>'responseDueAt' AS timestamptz) AT TIME ZONE zone AS date),
                            1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) AS metrics_fact)
            FROM unnest(ids) i (id) JOIN ticket_event e ON e.id = i.id JOIN ticket t ON t.id = e.ticket_id
            WHERE e.action = 'dispatch' AND e.details->>'responseDueAt' IS NOT NULL);
    END IF;
    IF 'claim' = ANY (actions) THEN
        -- the first claim after a dispatch: answered in time (on the deadline's day), and the response time (on its own)
        facts := facts || ARRAY(
            SELECT CAST(ROW(c.district_id, t.grid_path, t.grid_id, 0, g.day, 0, g.in_time, g.timed, g.seconds, g.working,
                            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) AS metrics_fact)
            FROM unnest(ids) i (id) JOIN ticket_event c ON c.id = i.id JOIN ticket t ON t.id = c.ticket_id
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
                                AND (x.created_at, x.id) > (d.created_at, d.id) AND (x.created_at, x.id) < (c.created_at, c.id)));
    END IF;
    IF 'resolve' = ANY (actions) THEN
        -- a resolution: for the grid and for its author
        facts := facts || ARRAY(
            SELECT CAST(ROW(r.district_id, t.grid_path, t.grid_id, m.member_id, CAST(r.created_at AT TIME ZONE zone AS date),
                            0, 0, 0, 0, 0, 1, CASE WHEN due.at IS NULL THEN 0 ELSE 1 END,
                            CASE WHEN r.created_at <= due.at THEN 1 ELSE 0 END,
                            CASE WHEN started.at IS NULL THEN 0 ELSE 1 END,
                            coalesce(extract(epoch FROM r.created_at - started.at), 0),
                            CASE WHEN started.at IS NULL THEN 0 ELSE metrics_working_seconds(r.district_id, started.at, r.created_at, zone) END,
                            0, 0, 0, 0, 0) AS metrics_fact)
            FROM unnest(ids) i (id) JOIN ticket_event r ON r.id = i.id JOIN ticket t ON t.id = r.ticket_id
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
            WHERE r.action = 'resolve' AND m.member_id IS NOT NULL);
    END IF;
    IF 'feedback' = ANY (actions) THEN
        -- a rating by the reporter: for the grid and for the author of the resolution it judges
        facts := facts || ARRAY(
            SELECT CAST(ROW(f.district_id, t.grid_path, t.grid_id, m.member_id, CAST(f.created_at AT TIME ZONE zone AS date),
                            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
                            CASE WHEN f.details->>'solved' = 'SOLVED' THEN 1 ELSE 0 END,
                            CASE WHEN f.details->>'rating' = 'SATISFIED' THEN 1 ELSE 0 END,
                            CASE WHEN f.details->>'rating' = 'BASICALLY_SATISFIED' THEN 1 ELSE 0 END,
                            CASE WHEN f.to_status = 'TRIAGED' THEN 1 ELSE 0 END) AS metrics_fact)
            FROM unnest(ids) i (id) JOIN ticket_event f ON f.id = i.id JOIN ticket t ON t.id = f.ticket_id
            LEFT JOIN LATERAL (SELECT x.actor_id FROM ticket_event x
                               WHERE x.ticket_id = f.ticket_id AND x.action = 'resolve' AND (x.created_at, x.id) < (f.created_at, f.id)
                               ORDER BY x.created_at DESC, x.id DESC LIMIT 1) resolver ON true
            CROSS JOIN LATERAL (VALUES (0), (resolver.actor_id)) m (member_id)
            WHERE f.action = 'feedback' AND m.member_id IS NOT NULL);
    END IF;
    IF cardinality(facts) = 0 THEN
        RETURN;
    END IF;
    INSERT INTO metrics_counter_pending (district_id, grain, member_id, grid_path, day, grid_id, response_due, responded_in_time,
                                          responses, response_seconds, response_working_seconds, resolved, resolved_with_due,
                                          resolved_on_time, resolved_timed, resolution_seconds, resolution_working_seconds, rated,
                                          rated_solved, rated_satisfied, rated_basically, reopened)
    SELECT f.district_id, g.grain, f.member_id, f.grid_path, g.day, f.grid_id, sum(f.response_due), sum(f.responded_in_time),
           sum(f.responses), sum(f.response_seconds), sum(f.response_working_seconds), sum(f.resolved), sum(f.resolved_with_due),
           sum(f.resolved_on_time), sum(f.resolved_timed), sum(f.resolution_seconds), sum(f.resolution_working_seconds),
           sum(f.rated), sum(f.rated_solved), sum(f.rated_satisfied), sum(f.rated_basically), sum(f.reopened)
    FROM unnest(facts) f
    CROSS JOIN LATERAL (VALUES ('D', f.day), ('M', CAST(date_trunc('month', CAST(f.day AS timestamp)) AS date))) g (grain, day)
    GROUP BY f.district_id, g.grain, f.member_id, f.grid_path, g.day, f.grid_id;
END
$$;

CREATE OR REPLACE FUNCTION metrics_count_events() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    counted bigint[];
    supervision bigint[];
BEGIN
    SELECT coalesce(array_agg(e.id) FILTER (WHERE e.action IN ('dispatch', 'claim', 'resolve', 'feedback')), '{}'),
           coalesce(array_agg(e.id) FILTER (WHERE e.action IN ('escalate', 'supervise')), '{}')
    INTO counted, supervision
    FROM new_events e;
    IF cardinality(counted) > 0 THEN
        PERFORM metrics_count_events_of(counted);
    END IF;
    IF cardinality(supervision) > 0 THEN
        PERFORM metrics_record_supervision(supervision);
    END IF;
    RETURN NULL;
END
$$;
