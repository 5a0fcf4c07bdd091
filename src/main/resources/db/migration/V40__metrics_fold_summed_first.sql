-- The fold (V23, V34, V38) sums its deltas by grid before it rolls them up to the regions above.
--
-- Under whole loops a fold moved every second a few thousand deltas, nearly all of them on the same few grids and
-- days: a ticket that goes from TRIAGED to DISPATCHED to CLAIMED appends +1 and -1 of each status it passes. Rolled
-- up first, each delta became four rows (its grid and the three regions above it). A batch of 10,000 counter deltas
-- became 40,000 rows, sorted on disk (8 MB, past work_mem) to be grouped into 36: 90-120 ms of that fold. Under load
-- the folds took 150-230 ms every second, about a sixth of a core (docs/benchmarks.md, 2026-12-06). Summed by grid
-- first, the deltas are a few dozen rows before the roll-up, and the filed counts' +1 and -1 that cancel leave nothing
-- to write. The sums are the same.
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
    summed AS (
        SELECT g.district_id, g.grain, g.member_id, g.grid_path, g.day,
               sum(g.response_due) AS response_due,
               sum(g.responded_in_time) AS responded_in_time,
               sum(g.responses) AS responses,
               sum(g.response_seconds) AS response_seconds,
               sum(g.response_working_seconds) AS response_working_seconds,
               sum(g.resolved) AS resolved,
               sum(g.resolved_with_due) AS resolved_with_due,
               sum(g.resolved_on_time) AS resolved_on_time,
               sum(g.resolved_timed) AS resolved_timed,
               sum(g.resolution_seconds) AS resolution_seconds,
               sum(g.resolution_working_seconds) AS resolution_working_seconds,
               sum(g.rated) AS rated,
               sum(g.rated_solved) AS rated_solved,
               sum(g.rated_satisfied) AS rated_satisfied,
               sum(g.rated_basically) AS rated_basically,
               sum(g.reopened) AS reopened,
               sum(g.overdue_first_ever) AS overdue_first_ever,
               sum(g.overdue_first_of_day) AS overdue_first_of_day,
               sum(g.supervised_first_ever) AS supervised_first_ever,
               sum(g.supervised_first_of_day) AS supervised_first_of_day
        FROM gone g
        GROUP BY g.district_id, g.grain, g.member_id, g.grid_path, g.day),
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
        FROM summed g CROSS JOIN LATERAL metrics_regions(g.grid_path) a
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
    summed AS (
        SELECT g.district_id, g.grain, g.grid_path, g.day, g.dimension, g.value, sum(g.n) AS n
        FROM gone g
        GROUP BY g.district_id, g.grain, g.grid_path, g.day, g.dimension, g.value
        HAVING sum(g.n) <> 0),
    added AS (
        INSERT INTO metrics_filed AS f (district_id, grain, grid_path, day, dimension, value, n)
        SELECT g.district_id, g.grain, a.path, g.day, g.dimension, g.value, sum(g.n)
        FROM summed g CROSS JOIN LATERAL metrics_regions(g.grid_path) a
        GROUP BY 1, 2, 3, 4, 5, 6
        ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (district_id, grain, grid_path, day, dimension, value) DO UPDATE SET n = f.n + excluded.n)
    SELECT count(*) INTO filed FROM gone;
    RETURN figures + filed;
END
$$;
