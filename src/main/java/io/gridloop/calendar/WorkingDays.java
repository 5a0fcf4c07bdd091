package io.gridloop.calendar;

/**
 * The working time of many intervals at once, for statements that count it over thousands of facts
 * (metrics' recount): instead of summing an interval's days one interval at a time, a statement reads
 * each local day once, with the working seconds of all the days before it, and the working time of
 * [a, b) is {@code worked(b) - worked(a)}. The days and the rule are {@link WorkingCalendar}'s: a day
 * marked in the holiday table as marked, else Monday to Friday; a day's length is its own in the zone
 * (23 or 25 hours on a DST change), so the sums are exact.
 */
public final class WorkingDays {

    private WorkingDays() {
    }

    /**
     * SQL source: each local day of the district from the day of {@code first} to the day of {@code last}
     * (SQL expressions: the district's id, two timestamptz, the zone's name): {@code day}, {@code starts}
     * (its first instant), {@code working}, and {@code worked_before}, the working seconds of the days
     * from the first one up to it (a numeric). No rows when {@code first} or {@code last} is null.
     */
    public static String of(String district, String first, String last, String zone) {
        return """
                SELECT g.day, g.starts, w.working,
                       coalesce(sum(CASE WHEN w.working THEN extract(epoch FROM g.ends - g.starts) ELSE 0 END)
                                OVER (ORDER BY g.day ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS worked_before
                FROM (SELECT CAST(s AS date) AS day, CAST(s AS timestamp) AT TIME ZONE %4$s AS starts,
                             CAST(s + interval '1 day' AS timestamp) AT TIME ZONE %4$s AS ends
                      FROM generate_series(CAST(%2$s AT TIME ZONE %4$s AS date), CAST(%3$s AT TIME ZONE %4$s AS date),
                                           interval '1 day') s) g
                LEFT JOIN holiday h ON h.district_id = %1$s AND h.day = g.day
                CROSS JOIN LATERAL (VALUES (coalesce(h.working, extract(isodow FROM g.day) < 6))) w (working)"""
                .formatted(district, first, last, zone);
    }

    /**
     * SQL: the working seconds from the first day of {@link #of} up to {@code instant}, where
     * {@code day} is the alias of that instant's row there.
     */
    public static String workedUntil(String day, String instant) {
        return "(%1$s.worked_before + CASE WHEN %1$s.working THEN extract(epoch FROM %2$s - %1$s.starts) ELSE 0 END)"
                .formatted(day, instant);
    }
}
