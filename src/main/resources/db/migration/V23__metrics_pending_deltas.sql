-- Counters without hot rows, rolled up to every region (docs/architecture.md, "How the figures stay
-- exact").
--
-- Deltas. V17's triggers added each fact to its counter row with INSERT ... ON CONFLICT DO UPDATE, in the
-- writer's transaction: every filing of a grid on a day, and every dispatch, claim, resolution and
-- rating, updated the same few rows and held their locks until commit, so concurrent writers of one
-- grid queued behind each other (pgbench: INSERT INTO ticket from 3.8 to 76.6 ms at 16 clients). Now
-- the triggers append their deltas to pending tables, rows nobody else locks; metrics_fold moves them
-- into the counters, a batch at a time in a transaction of its own (metrics.CounterFolding, every
-- second, FOR UPDATE SKIP LOCKED so any number of instances share the work). A fold deletes its deltas
-- and adds them to the counters in one transaction, and every read sums the counters and the pending
-- deltas in one statement, so a figure is exact whether or not its deltas have been folded yet.
--
-- Rollups. The counters of a grid are also kept for each region above it (community, street,
-- district), rows keyed by that region's path with grid = false: a question about a district reads
-- its own row per day or month, not one per grid. Writers still append one delta per grid; the fold
-- adds it to the grid's row and to each of its regions' rows (metrics_regions), off the writers' path.

-- The regions of a grid path, the grid's own last: '/1/51/101/' gives '/1/' (1), '/1/51/' (51) and
-- '/1/51/101/' (101, the grid).
CREATE FUNCTION metrics_regions(grid_path text) RETURNS TABLE (path text, region_id bigint, grid boolean)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT left(grid_path, i), CAST(split_part(left(grid_path, i - 1), '/', -1) AS bigint), i = length(grid_path)
      FROM generate_series(2, length(grid_path)) AS i
     WHERE substr(grid_path, i, 1) = '/'
$$;

-- grid_path is now the path of the grid or region a row counts, grid_id its id, grid whether it is a grid.
ALTER TABLE metrics_counter ADD COLUMN grid boolean NOT NULL DEFAULT true;

-- The regions' rows of what V17 counted.
INSERT INTO metrics_counter (district_id, grain, member_id, grid_path, day, grid_id, grid, response_due, responded_in_time,
                             responses, response_seconds, response_working_seconds, resolved, resolved_with_due,
                             resolved_on_time, resolved_timed, resolution_seconds, resolution_working_seconds, rated,
                             rated_solved, rated_satisfied, rated_basically, reopened)
SELECT c.district_id, c.grain, c.member_id, a.path, c.day, a.region_id, false, sum(c.response_due), sum(c.responded_in_time),
       sum(c.responses), sum(c.response_seconds), sum(c.response_working_seconds), sum(c.resolved), sum(c.resolved_with_due),
       sum(c.resolved_on_time), sum(c.resolved_timed), sum(c.resolution_seconds), sum(c.resolution_working_seconds),
       sum(c.rated), sum(c.rated_solved), sum(c.rated_satisfied), sum(c.rated_basically), sum(c.reopened)
FROM metrics_counter c CROSS JOIN LATERAL metrics_regions(c.grid_path) a
WHERE NOT a.grid
GROUP BY c.district_id, c.grain, c.member_id, a.path, c.day, a.region_id;
INSERT INTO metrics_filed (district_id, grain, grid_path, day, status, category_id, source, matter_class, n)
SELECT f.district_id, f.grain, a.path, f.day, f.status, f.category_id, f.source, f.matter_class, sum(f.n)
FROM metrics_filed f CROSS JOIN LATERAL metrics_regions(f.grid_path) a
WHERE NOT a.grid
GROUP BY f.district_id, f.grain, a.path, f.day, f.status, f.category_id, f.source, f.matter_class;

-- Deltas not yet folded: rows of grids shaped as the counters, any number per key.
CREATE TABLE metrics_counter_pending (LIKE metrics_counter INCLUDING DEFAULTS);
CREATE INDEX metrics_counter_pending_idx ON metrics_counter_pending (district_id, grain, day);
CREATE TABLE metrics_filed_pending (LIKE metrics_filed INCLUDING DEFAULTS);
CREATE INDEX metrics_filed_pending_idx ON metrics_filed_pending (district_id, grain, day);

-- V17's facts of new events, now appended to the pending deltas.
CREATE OR REPLACE FUNCTION metrics_count_events_of(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
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
    INSERT INTO metrics_counter_pending (district_id, grain, member_id, grid_path, day, grid_id, response_due, responded_in_time,
                                          responses, response_seconds, response_working_seconds, resolved, resolved_with_due,
                                          resolved_on_time, resolved_timed, resolution_seconds, resolution_working_seconds, rated,
                                          rated_solved, rated_satisfied, rated_basically, reopened)
    SELECT f.district_id, g.grain, f.member_id, f.grid_path, g.day, f.grid_id, sum(f.response_due), sum(f.responded_in_time),
           sum(f.responses), sum(f.response_seconds), sum(f.response_working_seconds), sum(f.resolved), sum(f.resolved_with_due),
           sum(f.resolved_on_time), sum(f.resolved_timed), sum(f.resolution_seconds), sum(f.resolution_working_seconds),
           sum(f.rated), sum(f.rated_solved), sum(f.rated_satisfied), sum(f.rated_basically), sum(f.reopened)
    FROM facts f
    CROSS JOIN LATERAL (VALUES ('D', f.day), ('M', CAST(date_trunc('month', CAST(f.day AS timestamp)) AS date))) g (grain, day)
    GROUP BY f.district_id, g.grain, f.member_id, f.grid_path, g.day, f.grid_id;
END
$$;

-- V17's filed counts, now appended to the pending deltas: +1 for each ticket as it is now, -1 as it
-- was; an update that moves no count appends nothing.
CREATE OR REPLACE FUNCTION metrics_count_tickets() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    zone text := (SELECT m.zone FROM metrics_zone m);
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM metrics_lock_shared(ARRAY(SELECT DISTINCT t.district_id FROM new_tickets t));
        INSERT INTO metrics_filed_pending (district_id, grain, grid_path, day, status, category_id, source, matter_class, n)
        SELECT t.district_id, g.grain, t.grid_path, g.day, t.status, t.category_id, t.source,
               coalesce(t.matter_class, 'UNCLASSIFIED'), count(*)
        FROM new_tickets t
        CROSS JOIN LATERAL (VALUES ('D', CAST(t.created_at AT TIME ZONE zone AS date)),
                                   ('M', CAST(date_trunc('month', t.created_at AT TIME ZONE zone) AS date))) g (grain, day)
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM metrics_lock_shared(ARRAY(SELECT DISTINCT o.district_id FROM old_tickets o));
        INSERT INTO metrics_filed_pending (district_id, grain, grid_path, day, status, category_id, source, matter_class, n)
        SELECT o.district_id, g.grain, o.grid_path, g.day, o.status, o.category_id, o.source,
               coalesce(o.matter_class, 'UNCLASSIFIED'), -count(*)
        FROM old_tickets o
        CROSS JOIN LATERAL (VALUES ('D', CAST(o.created_at AT TIME ZONE zone AS date)),
                                   ('M', CAST(date_trunc('month', o.created_at AT TIME ZONE zone) AS date))) g (grain, day)
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
    ELSE
        PERFORM metrics_lock_shared(ARRAY(SELECT DISTINCT t.district_id FROM new_tickets t JOIN old_tickets o ON o.id = t.id
                                          WHERE (o.status, o.category_id, o.matter_class) IS DISTINCT FROM
                                                (t.status, t.category_id, t.matter_class)));
        INSERT INTO metrics_filed_pending (district_id, grain, grid_path, day, status, category_id, source, matter_class, n)
        SELECT x.district_id, g.grain, x.grid_path, g.day, x.status, x.category_id, x.source,
               coalesce(x.matter_class, 'UNCLASSIFIED'), sum(x.n)
        FROM (SELECT t.district_id, t.grid_path, t.created_at, t.status, t.category_id, t.source, t.matter_class, 1 AS n FROM new_tickets t
              UNION ALL
              SELECT o.district_id, o.grid_path, o.created_at, o.status, o.category_id, o.source, o.matter_class, -1 FROM old_tickets o) x
        CROSS JOIN LATERAL (VALUES ('D', CAST(x.created_at AT TIME ZONE zone AS date)),
                                   ('M', CAST(date_trunc('month', x.created_at AT TIME ZONE zone) AS date))) g (grain, day)
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(x.n) <> 0;
    END IF;
    RETURN NULL;
END
$$;

-- Moves up to `batch` pending deltas of each table (all when null) of one district (every district when
-- null) into the counters of their grids and of the regions above them; answers how many it moved. It holds the districts' counter lock shared, as
-- writers do, so a rebuild (which holds it exclusively, and folds its district first) never sees a fold
-- half done; rows another fold holds are skipped. Counter rows are updated in key order, so two folds
-- cannot deadlock.
CREATE FUNCTION metrics_fold(only_district bigint, batch integer) RETURNS bigint LANGUAGE plpgsql AS $$
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
                                      reopened)
        SELECT g.district_id, g.grain, g.member_id, a.path, g.day, a.region_id, a.grid,
           sum(g.response_due), sum(g.responded_in_time), sum(g.responses), sum(g.response_seconds),
           sum(g.response_working_seconds), sum(g.resolved), sum(g.resolved_with_due), sum(g.resolved_on_time),
           sum(g.resolved_timed), sum(g.resolution_seconds), sum(g.resolution_working_seconds), sum(g.rated),
           sum(g.rated_solved), sum(g.rated_satisfied), sum(g.rated_basically), sum(g.reopened)
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
        reopened = c.reopened + excluded.reopened)
    SELECT count(*) INTO figures FROM gone;
    WITH gone AS (
        DELETE FROM metrics_filed_pending p
        WHERE p.ctid = ANY (ARRAY(SELECT q.ctid FROM metrics_filed_pending q WHERE q.district_id = ANY (districts)
                                  LIMIT batch FOR UPDATE SKIP LOCKED))
        RETURNING p.*),
    added AS (
        INSERT INTO metrics_filed AS f (district_id, grain, grid_path, day, status, category_id, source, matter_class, n)
        SELECT g.district_id, g.grain, a.path, g.day, g.status, g.category_id, g.source, g.matter_class, sum(g.n)
        FROM gone g CROSS JOIN LATERAL metrics_regions(g.grid_path) a
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
        ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
        ON CONFLICT (district_id, grain, grid_path, day, status, category_id, source, matter_class) DO UPDATE SET n = f.n + excluded.n)
    SELECT count(*) INTO filed FROM gone;
    RETURN figures + filed;
END
$$;
