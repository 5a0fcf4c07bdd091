-- A few of the summary's figures for the region :'region' from :'from' to :'to' (dates in Asia/Shanghai),
-- counted straight from the tables, for bench/generate.sh to hold the service's summary against.
WITH period AS (
    -- a date's midnight in the district: the date as a timestamp first (a date AT TIME ZONE would be read as
    -- midnight in the session's zone and turned into Shanghai's wall clock, eight hours off)
    SELECT CAST(CAST(:'from' AS date) AS timestamp) AT TIME ZONE 'Asia/Shanghai' AS since,
           CAST(CAST(:'to' AS date) + 1 AS timestamp) AT TIME ZONE 'Asia/Shanghai' AS until
), filed AS (
    SELECT t.status, count(*) AS n FROM ticket t, period p WHERE t.created_at >= p.since AND t.created_at < p.until
       AND t.grid_path LIKE (SELECT path FROM region WHERE id = CAST(:'region' AS bigint)) || '%'
     GROUP BY t.status
), ratings AS (
    SELECT count(*) AS n, count(*) FILTER (WHERE details ->> 'rating' IN ('SATISFIED', 'BASICALLY_SATISFIED')) AS satisfied,
           count(*) FILTER (WHERE details ->> 'solved' = 'SOLVED') AS solved
      FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id, period p
     WHERE e.action = 'feedback' AND e.created_at >= p.since AND e.created_at < p.until
       AND t.grid_path LIKE (SELECT path FROM region WHERE id = CAST(:'region' AS bigint)) || '%'
), responses AS (
    SELECT count(*) AS n, count(*) FILTER (WHERE (SELECT min(c.created_at) FROM ticket_event c
                                                  WHERE c.ticket_id = d.ticket_id AND c.action = 'claim'
                                                    AND (c.created_at, c.id) > (d.created_at, d.id))
                                                 <= CAST(d.details ->> 'responseDueAt' AS timestamptz)) AS in_time
      FROM ticket_event d JOIN ticket t ON t.id = d.ticket_id, period p
     WHERE d.action = 'dispatch' AND t.grid_path LIKE (SELECT path FROM region WHERE id = CAST(:'region' AS bigint)) || '%'
       AND CAST(d.details ->> 'responseDueAt' AS timestamptz) >= p.since
       AND CAST(d.details ->> 'responseDueAt' AS timestamptz) < p.until
), supervision AS (
    -- each ticket once: raised by the overdue scan, or put at YELLOW or RED, in the period
    SELECT count(DISTINCT e.ticket_id) FILTER (WHERE e.action = 'escalate') AS overdue,
           count(DISTINCT e.ticket_id) FILTER (WHERE e.details ->> 'level' IN ('YELLOW', 'RED')) AS supervised
      FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id, period p
     WHERE e.action IN ('escalate', 'supervise') AND e.created_at >= p.since AND e.created_at < p.until
       AND t.grid_path LIKE (SELECT path FROM region WHERE id = CAST(:'region' AS bigint)) || '%'
)
SELECT json_build_object('filed', (SELECT coalesce(sum(n), 0) FROM filed),
                         'byStatus', (SELECT coalesce(json_object_agg(status, n), '{}') FROM filed),
                         'ratings', (SELECT n FROM ratings), 'satisfied', (SELECT satisfied FROM ratings),
                         'solved', (SELECT solved FROM ratings), 'responsesDue', (SELECT n FROM responses),
                         'respondedInTime', (SELECT in_time FROM responses),
                         'overdue', (SELECT overdue FROM supervision), 'supervised', (SELECT supervised FROM supervision));
