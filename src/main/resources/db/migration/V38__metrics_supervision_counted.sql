-- The overdue and supervised counts as counter figures (docs/architecture.md, "How the figures stay exact").
--
-- V28 kept a row per escalate and supervise event with the day of the same ticket's previous one, and every
-- question counted the rows of its period: a ticket counts once in the days a..b when one of its events
-- falls in a..b with no earlier one on or after a. At ten million tickets a district's year is 403,141
-- rows, 55 ms to count on their own, which kept the district's year, its daily series and its children
-- above 50 ms.
--
-- An event with no previous one of its kind counts in every period that holds it, so it adds up like any
-- counter: *_first_ever, per grid and region, day and month, folded as the other figures are. To those a
-- period adds only its events whose previous one lies before the period's first day: the events whose span
-- (previous day, own day] holds that first day, found by a GiST index on the span (a few per first day,
-- where a year holds hundreds of thousands of rows). A day needs no rows at all: *_first_of_day counts the
-- events with no previous one on the same day, so a daily series is counters only.

ALTER TABLE metrics_counter
    ADD COLUMN overdue_first_ever      bigint NOT NULL DEFAULT 0,
    ADD COLUMN overdue_first_of_day    bigint NOT NULL DEFAULT 0,
    ADD COLUMN supervised_first_ever   bigint NOT NULL DEFAULT 0,
    ADD COLUMN supervised_first_of_day bigint NOT NULL DEFAULT 0;
ALTER TABLE metrics_counter_pending
    ADD COLUMN overdue_first_ever      bigint NOT NULL DEFAULT 0,
    ADD COLUMN overdue_first_of_day    bigint NOT NULL DEFAULT 0,
    ADD COLUMN supervised_first_ever   bigint NOT NULL DEFAULT 0,
    ADD COLUMN supervised_first_of_day bigint NOT NULL DEFAULT 0;

-- the events whose previous one lies before a given day and which fall on or after it: span @> day
CREATE INDEX metrics_supervision_overdue_span_idx ON metrics_supervision
    USING gist (daterange(overdue_before, day, '(]')) WHERE overdue_before IS NOT NULL;
CREATE INDEX metrics_supervision_supervised_span_idx ON metrics_supervision
    USING gist (daterange(supervised_before, day, '(]')) WHERE supervised_before IS NOT NULL;
-- nothing reads a region's rows by path any more: the counters hold each region's own
DROP INDEX metrics_supervision_path_idx;

-- The counter deltas of these events' supervision rows, for their grids (the fold adds them to the regions above).
CREATE FUNCTION metrics_count_supervision(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO metrics_counter_pending (district_id, grain, member_id, grid_path, day, grid_id, overdue_first_ever,
                                         overdue_first_of_day, supervised_first_ever, supervised_first_of_day)
    SELECT s.district_id, g.grain, 0, s.grid_path, g.day, CAST(split_part(s.grid_path, '/', -2) AS bigint),
           count(*) FILTER (WHERE s.overdue AND s.overdue_before IS NULL),
           count(*) FILTER (WHERE s.overdue AND (s.overdue_before IS NULL OR s.overdue_before < s.day)),
           count(*) FILTER (WHERE s.supervised AND s.supervised_before IS NULL),
           count(*) FILTER (WHERE s.supervised AND (s.supervised_before IS NULL OR s.supervised_before < s.day))
    FROM unnest(ids) i (id) JOIN metrics_supervision s ON s.event_id = i.id
    CROSS JOIN LATERAL (VALUES ('D', s.day), ('M', CAST(date_trunc('month', CAST(s.day AS timestamp)) AS date))) g (grain, day)
    GROUP BY s.district_id, g.grain, s.grid_path, g.day;
END
$$;

-- V28's rows of new events, and now their counter deltas.
CREATE OR REPLACE FUNCTION metrics_record_supervision(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
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
    PERFORM metrics_count_supervision(ids);
END
$$;

-- V23's fold (as V34 left it), with the four figures.
CREATE OR REPLACE FUNCTION metrics_fold(only_district bigint, batch integer) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    districts bigint[] := CASE WHEN only_district IS NOT NULL THEN ARRAY[only_district]
                               ELSE ARRAY(SELECT p.district_id FROM metrics_counter_pending p
                                          UNION SELECT p.district_id FROM metrics_filed_pending p) END;
    figures bigint;
    filed bigint;
BEGIN
    IF cardinality(districts) = 0 THEN
        RETURN 0;
    END IF;
    PERFORM metrics_lock_shared(districts);
    WITH gone AS (
        DELETE FROM metrics_counter_pending p
        WHERE p.ctid = ANY (ARRAY(SELECT q.ctid FROM metrics_counter_pending q WHERE q.district_id = ANY (districts)
                                  LIMIT batch FOR UPDATE SKIP LOCKED))
        RETURNING p.*),
    added AS (
        INSERT INTO metrics_counter AS c (district_id, grain, member_id, grid_path, day, grid_id, grid,
                                      response_due, responded_in_time, responses, response_seconds, response_working_seconds,
                                      resolved, resolved_with_due, resolved_on_time, resolved_timed, resolution_seconds,
                                      resolution_working_seconds, rated, rated_solved, rated_satisfied, rated_basically,
                                      reopened, overdue_first_ever, overdue_first_of_day, supervised_first_ever,
                                      supervised_first_of_day)
        SELECT g.district_id, g.grain, g.member_id, a.path, g.day, a.region_id, a.grid,
           sum(g.response_due), sum(g.responded_in_time), sum(g.responses), sum(g.response_seconds),
           sum(g.response_working_seconds), sum(g.resolved), sum(g.resolved_with_due), sum(g.resolved_on_time),
           sum(g.resolved_timed), sum(g.resolution_seconds), sum(g.resolution_working_seconds), sum(g.rated),
           sum(g.rated_solved), sum(g.rated_satisfied), sum(g.rated_basically), sum(g.reopened),
           sum(g.overdue_first_ever), sum(g.overdue_first_of_day), sum(g.supervised_first_ever), sum(g.supervised_first_of_day)
        FROM gone g CROSS JOIN LATERAL metrics_regions(g.grid_path) a
        GROUP BY g.district_id, g.grain, g.member_id, a.path, g.day, a.region_id, a.grid
        ORDER BY g.district_id, g.grain, g.member_id, a.path, g.day
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
        reopened = c.reopened + excluded.reopened,
        overdue_first_ever = c.overdue_first_ever + excluded.overdue_first_ever,
        overdue_first_of_day = c.overdue_first_of_day + excluded.overdue_first_of_day,
        supervised_first_ever = c.supervised_first_ever + excluded.supervised_first_ever,
        supervised_first_of_day = c.supervised_first_of_day + excluded.supervised_first_of_day)
    SELECT count(*) INTO figures FROM gone;
    WITH gone AS (
        DELETE FROM metrics_filed_pending p
        WHERE p.ctid = ANY (ARRAY(SELECT q.ctid FROM metrics_filed_pending q WHERE q.district_id = ANY (districts)
                                  LIMIT batch FOR UPDATE SKIP LOCKED))
        RETURNING p.*),
    added AS (
        INSERT INTO metrics_filed AS f (district_id, grain, grid_path, day, dimension, value, n)
        SELECT g.district_id, g.grain, a.path, g.day, g.dimension, g.value, sum(g.n)
        FROM gone g CROSS JOIN LATERAL metrics_regions(g.grid_path) a
        GROUP BY 1, 2, 3, 4, 5, 6
        ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (district_id, grain, grid_path, day, dimension, value) DO UPDATE SET n = f.n + excluded.n)
    SELECT count(*) INTO filed FROM gone;
    RETURN figures + filed;
END
$$;

-- What V28 kept already, counted as the trigger now counts it, and folded.
SELECT metrics_count_supervision(ARRAY(SELECT s.event_id FROM metrics_supervision s));
SELECT metrics_fold(NULL, NULL);
