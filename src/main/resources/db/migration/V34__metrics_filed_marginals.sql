-- The tickets filed, counted by each figure apart (docs/architecture.md, "How the figures stay exact").
--
-- V17 kept one row per (status, category, source, matter class) of a region's day: the summary shows
-- the four breakdowns apart, never together, yet a district's day was about 148 rows, and a daily series
-- of its year 54,014 rows to send and add up (~220 ms of its answer at a million tickets). Now a row counts
-- one value of one figure: (status, 'CLOSED'), (category, '12'), (source, 'MINI_PROGRAM'), (matter_class,
-- 'UNCLASSIFIED'); a ticket is in one row of each figure, so the tickets filed are the sum of the status
-- rows. A district's day is about 32 rows. A change of status moves only the two status rows it touches,
-- as before; a filing appends four deltas per grain instead of one.
--
-- The keys a ticket is counted under, one per figure; the triggers, the migration below and the recount
-- (metrics.MetricsCounters) all place a ticket through this function.
CREATE FUNCTION metrics_filed_keys(status text, category_id bigint, source text, matter_class text)
RETURNS TABLE (dimension text, value text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT k.dimension, k.value
      FROM (VALUES ('status', status), ('category', CAST(category_id AS text)), ('source', source),
                   ('matter_class', coalesce(matter_class, 'UNCLASSIFIED'))) k (dimension, value)
$$;

-- The rows as V17 and V23 kept them, set aside under other names while the new ones are counted from them.
ALTER TABLE metrics_filed RENAME TO metrics_filed_joint;
ALTER INDEX metrics_filed_pkey RENAME TO metrics_filed_joint_pkey;
ALTER INDEX metrics_filed_period_idx RENAME TO metrics_filed_joint_period_idx;
ALTER INDEX metrics_filed_month_idx RENAME TO metrics_filed_joint_month_idx;
ALTER TABLE metrics_filed_pending RENAME TO metrics_filed_pending_joint;
ALTER INDEX metrics_filed_pending_idx RENAME TO metrics_filed_pending_joint_idx;

CREATE TABLE metrics_filed (
    district_id bigint  NOT NULL,
    grain       char(1) NOT NULL CHECK (grain IN ('D', 'M')),
    grid_path   text COLLATE "C" NOT NULL,
    day         date    NOT NULL,
    dimension   text    NOT NULL CHECK (dimension IN ('status', 'category', 'source', 'matter_class')),
    value       text    NOT NULL,
    n           bigint  NOT NULL
);
-- rows that add up to 0 hold no ticket (the summary leaves such a value out): not carried over
INSERT INTO metrics_filed (district_id, grain, grid_path, day, dimension, value, n)
SELECT f.district_id, f.grain, f.grid_path, f.day, k.dimension, k.value, sum(f.n)
FROM metrics_filed_joint f CROSS JOIN LATERAL metrics_filed_keys(f.status, f.category_id, f.source, f.matter_class) k
GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(f.n) <> 0
ORDER BY 1, 2, 3, 4, 5, 6;
DROP TABLE metrics_filed_joint;
ALTER TABLE metrics_filed ADD PRIMARY KEY (district_id, grain, grid_path, day, dimension, value);
CREATE INDEX metrics_filed_period_idx ON metrics_filed (district_id, grain, day, grid_path);
-- No index holds n, so a fold updates a row in place (HOT: no new index entries) where its page has room. V32's
-- index of month rows held it and had no such update, day rows included: PostgreSQL updates in place only when no
-- indexed column changes, whatever a partial index's predicate. Its purpose, reading a district's months from the
-- index alone, is served by fewer rows now (a groupBy=child of a district's month about 700 instead of 4,450).
-- Pages filled from now on keep a third free for the updates of their rows (today's and this month's are folded
-- into every second); the rows carried over above are of days that have passed and stay packed.
ALTER TABLE metrics_filed SET (fillfactor = 70);

CREATE TABLE metrics_filed_pending (LIKE metrics_filed INCLUDING DEFAULTS);
INSERT INTO metrics_filed_pending (district_id, grain, grid_path, day, dimension, value, n)
SELECT p.district_id, p.grain, p.grid_path, p.day, k.dimension, k.value, p.n
FROM metrics_filed_pending_joint p CROSS JOIN LATERAL metrics_filed_keys(p.status, p.category_id, p.source, p.matter_class) k;
DROP TABLE metrics_filed_pending_joint;
CREATE INDEX metrics_filed_pending_idx ON metrics_filed_pending (district_id, grain, day);

-- V23's filed counts, each ticket under its four keys: +1 as it is now, -1 as it was; an update that
-- moves no count appends nothing, and a change of status alone appends its two status rows per grain.
CREATE OR REPLACE FUNCTION metrics_count_tickets() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    zone text := (SELECT m.zone FROM metrics_zone m);
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM metrics_lock_shared(ARRAY(SELECT DISTINCT t.district_id FROM new_tickets t));
        INSERT INTO metrics_filed_pending (district_id, grain, grid_path, day, dimension, value, n)
        SELECT t.district_id, g.grain, t.grid_path, g.day, k.dimension, k.value, count(*)
        FROM new_tickets t
        CROSS JOIN LATERAL metrics_filed_keys(t.status, t.category_id, t.source, t.matter_class) k
        CROSS JOIN LATERAL (VALUES ('D', CAST(t.created_at AT TIME ZONE zone AS date)),
                                   ('M', CAST(date_trunc('month', t.created_at AT TIME ZONE zone) AS date))) g (grain, day)
        GROUP BY 1, 2, 3, 4, 5, 6;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM metrics_lock_shared(ARRAY(SELECT DISTINCT o.district_id FROM old_tickets o));
        INSERT INTO metrics_filed_pending (district_id, grain, grid_path, day, dimension, value, n)
        SELECT o.district_id, g.grain, o.grid_path, g.day, k.dimension, k.value, -count(*)
        FROM old_tickets o
        CROSS JOIN LATERAL metrics_filed_keys(o.status, o.category_id, o.source, o.matter_class) k
        CROSS JOIN LATERAL (VALUES ('D', CAST(o.created_at AT TIME ZONE zone AS date)),
                                   ('M', CAST(date_trunc('month', o.created_at AT TIME ZONE zone) AS date))) g (grain, day)
        GROUP BY 1, 2, 3, 4, 5, 6;
    ELSE
        PERFORM metrics_lock_shared(ARRAY(SELECT DISTINCT t.district_id FROM new_tickets t JOIN old_tickets o ON o.id = t.id
                                          WHERE (o.status, o.category_id, o.matter_class) IS DISTINCT FROM
                                                (t.status, t.category_id, t.matter_class)));
        INSERT INTO metrics_filed_pending (district_id, grain, grid_path, day, dimension, value, n)
        SELECT x.district_id, g.grain, x.grid_path, g.day, k.dimension, k.value, sum(x.n)
        FROM (SELECT t.district_id, t.grid_path, t.created_at, t.status, t.category_id, t.source, t.matter_class, 1 AS n FROM new_tickets t
              UNION ALL
              SELECT o.district_id, o.grid_path, o.created_at, o.status, o.category_id, o.source, o.matter_class, -1 FROM old_tickets o) x
        CROSS JOIN LATERAL metrics_filed_keys(x.status, x.category_id, x.source, x.matter_class) k
        CROSS JOIN LATERAL (VALUES ('D', CAST(x.created_at AT TIME ZONE zone AS date)),
                                   ('M', CAST(date_trunc('month', x.created_at AT TIME ZONE zone) AS date))) g (grain, day)
        GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(x.n) <> 0;
    END IF;
    RETURN NULL;
END
$$;

-- V23's fold, its filed counts keyed by figure; the counters' part as V23 wrote it.
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
