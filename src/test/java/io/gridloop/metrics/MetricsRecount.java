package io.gridloop.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import io.gridloop.support.Sql;

/**
 * The figures counted again in plain SQL over {@code ticket} and {@code ticket_event}, written apart from
 * the service's statements: a region is {@code grid_path LIKE path%}, a period the local dates of the
 * events in Asia/Shanghai, a dispatch's claim and resolutions are found by numbering the dispatches of
 * each ticket (a "round"), and working time by joining the holiday table day by day.
 */
final class MetricsRecount {

    /** Each timeline event of the region, with the round it belongs to (the dispatches before it, itself included). */
    private static final String EVENTS = """
            WITH ev AS (
              SELECT e.id, e.ticket_id, e.action, e.to_status, e.actor_id, e.details, e.created_at, t.grid_id, t.grid_path,
                     t.district_id,
                     count(*) FILTER (WHERE e.action = 'dispatch') OVER w AS round,
                     count(*) FILTER (WHERE e.action = 'resolve') OVER w AS resolves
              FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id
              WHERE t.grid_path LIKE ? || '%'
              WINDOW w AS (PARTITION BY e.ticket_id ORDER BY e.created_at, e.id)),
            rounds AS (
              SELECT d.ticket_id, d.round, d.created_at AS dispatched_at,
                     CAST(d.details->>'responseDueAt' AS timestamptz) AS response_due,
                     CAST(d.details->>'resolutionDueAt' AS timestamptz) AS resolution_due,
                     (SELECT min(c.created_at) FROM ev c WHERE c.ticket_id = d.ticket_id AND c.round = d.round AND c.action = 'claim') AS claimed_at
              FROM ev d WHERE d.action = 'dispatch'),
            resolutions AS (
              SELECT r.ticket_id, r.grid_id, r.actor_id, r.created_at AS at, o.dispatched_at,
                     coalesce((SELECT max(CAST(x.details->>'to' AS timestamptz)) FROM ev x
                               WHERE x.ticket_id = r.ticket_id AND x.round = r.round AND x.action = 'decide-extension'
                                 AND x.details->>'approved' = 'true' AND (x.created_at, x.id) < (r.created_at, r.id)),
                              o.resolution_due) AS due
              FROM ev r LEFT JOIN rounds o ON o.ticket_id = r.ticket_id AND o.round = r.round AND r.round > 0
              WHERE r.action = 'resolve'),
            ratings AS (
              SELECT f.ticket_id, f.grid_id, f.created_at AS at, f.details->>'rating' AS rating, f.details->>'solved' AS solved,
                     f.to_status = 'TRIAGED' AS reopened,
                     (SELECT x.actor_id FROM ev x WHERE x.ticket_id = f.ticket_id AND x.action = 'resolve' AND x.resolves = f.resolves) AS resolver
              FROM ev f WHERE f.action = 'feedback')
            """;

    /** Working seconds of [a, b): the local days between, each counted when the holiday table (or Monday–Friday) makes it a working day. */
    private static String working(String a, String b) {
        return """
                (SELECT coalesce(sum(extract(epoch FROM least(%2$s, (g.day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
                                                     - greatest(%1$s, g.day::timestamp AT TIME ZONE 'Asia/Shanghai'))), 0)
                 FROM (SELECT s::date AS day FROM generate_series((%1$s AT TIME ZONE 'Asia/Shanghai')::date,
                                                                  (%2$s AT TIME ZONE 'Asia/Shanghai')::date, '1 day') s) g
                 LEFT JOIN holiday h ON h.day = g.day AND h.district_id = ?
                 WHERE coalesce(h.working, extract(isodow FROM g.day) < 6))""".formatted(a, b);
    }

    private static String local(String column) {
        return "(" + column + " AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ? AND ?";
    }

    private final DataSource dataSource;
    private final long districtId;

    MetricsRecount(DataSource dataSource, long districtId) {
        this.dataSource = dataSource;
        this.districtId = districtId;
    }

    /** The recount of the test district. */
    static MetricsRecount of(DataSource dataSource) {
        long district = ((Number) Sql.column(dataSource, "SELECT id FROM region WHERE type = 'DISTRICT'").get(0)).longValue();
        return new MetricsRecount(dataSource, district);
    }

    /** The path of the region with this id (as the API writes ids in its query parameters). */
    String path(String regionId) {
        return (String) Sql.column(dataSource, "SELECT path FROM region WHERE id = ?", Long.valueOf(regionId)).get(0);
    }

    /** Maps sorted, numbers to six decimals: the JSON's and the recount's shapes made comparable. */
    static Object normal(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), normal(v)));
            return sorted;
        }
        if (value instanceof Number number) {
            return value instanceof BigDecimal decimal ? decimal.setScale(6, RoundingMode.HALF_UP)
                    : round(number.doubleValue());
        }
        return value;
    }

    /** The figures of the region with this path over the days from..to, shaped as the API's {@code MetricsFigures}. */
    Map<String, Object> figures(String path, LocalDate from, LocalDate to) {
        Map<String, Object> f = new TreeMap<>();
        Map<String, Long> status = new TreeMap<>();
        Map<String, Long> category = new TreeMap<>();
        Map<String, Long> source = new TreeMap<>();
        Map<String, Long> matter = new TreeMap<>();
        long filed = 0;
        for (Object[] r : rows("SELECT t.status, c.code, t.source, coalesce(t.matter_class, 'UNCLASSIFIED'), count(*)"
                + " FROM ticket t JOIN category c ON c.id = t.category_id WHERE t.grid_path LIKE ? || '%' AND "
                + local("t.created_at") + " GROUP BY 1, 2, 3, 4", path, from, to)) {
            long n = ((Number) r[4]).longValue();
            filed += n;
            status.merge((String) r[0], n, Long::sum);
            category.merge((String) r[1], n, Long::sum);
            source.merge((String) r[2], n, Long::sum);
            matter.merge((String) r[3], n, Long::sum);
        }
        f.put("filed", filed);
        f.put("byStatus", status);
        f.put("byCategory", category);
        f.put("bySource", source);
        f.put("byMatterClass", matter);
        Object[] response = rows(EVENTS + "SELECT count(*), count(*) FILTER (WHERE claimed_at <= response_due) FROM rounds WHERE "
                + local("response_due"), path, from, to).get(0);
        f.put("responseRate", rate(num(response[1]), num(response[0])));
        Object[] responseTime = rows(EVENTS + "SELECT count(*), sum(extract(epoch FROM claimed_at - dispatched_at)), sum("
                + working("dispatched_at", "claimed_at") + ") FROM rounds WHERE " + local("claimed_at"),
                path, districtId, from, to).get(0);
        f.put("responseTime", average(responseTime));
        Object[] resolved = rows(EVENTS + "SELECT count(due), count(*) FILTER (WHERE at <= due), count(dispatched_at),"
                + " sum(extract(epoch FROM at - dispatched_at)), sum(" + working("dispatched_at", "at") + ")"
                + " FROM resolutions WHERE " + local("at"), path, districtId, from, to).get(0);
        f.put("onTimeClosureRate", rate(num(resolved[1]), num(resolved[0])));
        f.put("resolutionTime", average(new Object[] { resolved[2], resolved[3], resolved[4] }));
        Object[] rated = rows(EVENTS + "SELECT count(*), count(*) FILTER (WHERE solved = 'SOLVED'),"
                + " count(*) FILTER (WHERE rating = 'SATISFIED') + ? * count(*) FILTER (WHERE rating = 'BASICALLY_SATISFIED'),"
                + " count(*) FILTER (WHERE reopened) FROM ratings WHERE " + local("at"), path, 1.0, from, to).get(0);
        f.put("resolutionRate", rate(num(rated[1]), num(rated[0])));
        f.put("satisfactionRate", rate(num(rated[2]), num(rated[0])));
        f.put("reopened", ((Number) rated[3]).longValue());
        Object[] supervision = rows(EVENTS + "SELECT count(DISTINCT ticket_id) FILTER (WHERE action = 'escalate'),"
                + " count(DISTINCT ticket_id) FILTER (WHERE details->>'level' IN ('YELLOW', 'RED'))"
                + " FROM ev WHERE action IN ('escalate', 'supervise') AND " + local("created_at"), path, from, to).get(0);
        f.put("overdue", ((Number) supervision[0]).longValue());
        f.put("supervised", ((Number) supervision[1]).longValue());
        return f;
    }

    /** One board entry per member (resolver) or grid, keyed by id, shaped as the API's {@code RankingEntry} without rank and name. */
    Map<Long, Map<String, Object>> board(String path, LocalDate from, LocalDate to, boolean byMember) {
        Map<Long, Map<String, Object>> entries = new HashMap<>();
        String key = byMember ? "actor_id" : "grid_id";
        for (Object[] r : rows(EVENTS + "SELECT " + key + ", count(*), count(due), count(*) FILTER (WHERE at <= due),"
                + " count(dispatched_at), sum(extract(epoch FROM at - dispatched_at)), sum(" + working("dispatched_at", "at") + ")"
                + " FROM resolutions WHERE " + key + " IS NOT NULL AND " + local("at") + " GROUP BY 1", path, districtId, from, to)) {
            Map<String, Object> e = entry(entries, r[0]);
            e.put("resolved", ((Number) r[1]).longValue());
            e.put("onTimeRate", rate(num(r[3]), num(r[2])));
            e.put("resolutionTime", average(new Object[] { r[4], r[5], r[6] }));
        }
        String rater = byMember ? "resolver" : "grid_id";
        for (Object[] r : rows(EVENTS + "SELECT " + rater + ", count(*), count(*) FILTER (WHERE rating = 'SATISFIED')"
                + " + count(*) FILTER (WHERE rating = 'BASICALLY_SATISFIED') FROM ratings WHERE " + rater + " IS NOT NULL AND "
                + local("at") + " GROUP BY 1", path, from, to)) {
            entry(entries, r[0]).put("satisfactionRate", rate(num(r[2]), num(r[1])));
        }
        return entries;
    }

    private static Map<String, Object> entry(Map<Long, Map<String, Object>> entries, Object id) {
        return entries.computeIfAbsent(((Number) id).longValue(), k -> {
            Map<String, Object> e = new TreeMap<>();
            e.put("resolved", 0L);
            e.put("onTimeRate", rate(0, 0));
            e.put("satisfactionRate", rate(0, 0));
            e.put("resolutionTime", average(new Object[] { 0, null, null }));
            return e;
        });
    }

    static Map<String, Object> rate(double numerator, double denominator) {
        Map<String, Object> r = new TreeMap<>();
        r.put("numerator", round(numerator));
        r.put("denominator", round(denominator));
        r.put("value", denominator == 0 ? null : round(numerator / denominator));
        return r;
    }

    private static Map<String, Object> average(Object[] countSecondsWorking) {
        double count = num(countSecondsWorking[0]);
        double seconds = num(countSecondsWorking[1]);
        double working = num(countSecondsWorking[2]);
        Map<String, Object> a = new TreeMap<>();
        a.put("count", round(count));
        a.put("totalSeconds", round(seconds));
        a.put("totalWorkingSeconds", round(working));
        a.put("averageHours", count == 0 ? null : round(seconds / count / 3600));
        a.put("averageWorkingDays", count == 0 ? null : round(working / count / 86400));
        return a;
    }

    /** Numbers compared to six decimals, as the API's JSON and SQL's numeric may differ past that. */
    static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP);
    }

    private static double num(Object value) {
        return value == null ? 0 : ((Number) value).doubleValue();
    }

    private List<Object[]> rows(String sql, Object... arguments) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = Sql.prepare(connection, sql, arguments);
                ResultSet rs = statement.executeQuery()) {
            List<Object[]> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
