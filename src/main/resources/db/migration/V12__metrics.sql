-- Metrics (io.gridloop.metrics) reads the tickets and their timeline through ticket.TicketFacts and keeps
-- no tables of its own. These indexes serve those reads: a district's events of one action in a period,
-- and a district's tickets filed in a period.
CREATE INDEX ticket_event_period_idx ON ticket_event (district_id, action, created_at);
CREATE INDEX ticket_filed_idx ON ticket (district_id, created_at);

-- The working time between two instants in seconds: the part of [a, b) that falls on working days in
-- the zone. A day is a working day when it is in extra_working (调休), or Monday to Friday and not in
-- holidays (calendar.WorkingCalendar's rule; the caller passes the calendar's marked days).
CREATE FUNCTION working_seconds(a timestamptz, b timestamptz, zone text, holidays date[], extra_working date[])
RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(sum(extract(epoch FROM least(b, CAST(d.day + 1 AS timestamp) AT TIME ZONE zone)
                                         - greatest(a, CAST(d.day AS timestamp) AT TIME ZONE zone))), 0)::double precision
    FROM (SELECT CAST(g AS date) AS day
          FROM generate_series(CAST(a AT TIME ZONE zone AS date), CAST(b AT TIME ZONE zone AS date), interval '1 day') g) d
    WHERE a < b
      AND (d.day = ANY (extra_working) OR (extract(isodow FROM d.day) < 6 AND NOT d.day = ANY (holidays)))
$$;
