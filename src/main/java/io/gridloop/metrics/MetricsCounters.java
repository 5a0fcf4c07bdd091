package io.gridloop.metrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.gridloop.calendar.HolidaysReplaced;
import io.gridloop.calendar.WorkingDays;
import io.gridloop.metrics.MetricsViews.Drift;
import io.gridloop.region.Regions;
import io.gridloop.shared.time.DistrictConfig;
import io.gridloop.ticket.TicketFacts;
import io.quarkus.runtime.StartupEvent;

/**
 * The counters V17's and V23's triggers maintain, and V28's supervision rows, checked against and rebuilt
 * from a recount of {@link TicketFacts} (written apart from the triggers, so a check compares two codings of
 * one meaning).
 * A check is one statement per table, so it sees the facts, the counters and their pending deltas of one
 * snapshot and needs no lock; a rebuild takes the district's counter lock exclusively (writers and
 * folds hold it shared), folds the district's pending deltas, and so no increment falls between its
 * delete and its recount.
 */
@ApplicationScoped
class MetricsCounters {

    private static final Logger LOG = Logger.getLogger(MetricsCounters.class);
    /** Every day a fact can be placed on (a rebuild of everything). */
    static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2199, 12, 31);
    private static final int MAX_DRIFTS = 100;
    private static final String RECOUNT_WORK_MEM = "256MB";

    private static final String COUNTER_KEYS = "grid_path, member_id, day";
    private static final String FILED_KEYS = "grid_path, day, dimension, value";

    private static final String SUPERVISION_COLUMNS = "event_id, ticket_id, grid_path, day, overdue, supervised, overdue_before,"
            + " supervised_before";

    /**
     * The supervision rows (V28) of the days :from..:to: each escalate or supervise event that raises its
     * ticket (overdue) or puts it at YELLOW or RED (supervised), with the day of the same ticket's previous
     * event of each kind, whenever that was.
     */
    private static final String RECOUNT_SUPERVISION = """
            SELECT r.* FROM (
                SELECT f.event_id, f.ticket_id, f.grid_path, f.day, f.overdue, f.supervised,
                       CASE WHEN f.overdue THEN max(f.day) FILTER (WHERE f.overdue) OVER w END AS overdue_before,
                       CASE WHEN f.supervised THEN max(f.day) FILTER (WHERE f.supervised) OVER w END AS supervised_before
                FROM (SELECT x.event_id, x.ticket_id, x.grid_path, x.at, CAST(x.at AT TIME ZONE :zone AS date) AS day, x.overdue,
                             coalesce(x.level IN ('YELLOW', 'RED'), false) AS supervised
                      FROM (%s) x WHERE x.district_id = :district AND x.at < :end) f
                WHERE f.overdue OR f.supervised
                WINDOW w AS (PARTITION BY f.ticket_id ORDER BY f.at, f.event_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) r
            WHERE r.day >= :from AND r.day <= :to""".formatted(TicketFacts.SUPERVISION);

    /**
     * The counter rows of the facts placed on the days :from..:to: grid_path, member_id, day, grid_id, then
     * the figures. Each source is read once (MATERIALIZED: its correlated subqueries run once per fact, not
     * once per use), and working time comes from one pass over the days the intervals span
     * ({@link WorkingDays}) rather than a call of metrics_working_seconds per interval: V17's triggers
     * keep the call, for the few facts of one statement.
     */
    private static final String RECOUNT = """
            WITH responses AS MATERIALIZED (
                     SELECT x.* FROM (%2$s) x WHERE x.district_id = :district AND x.dispatched_at < :end),
                 resolutions AS MATERIALIZED (
                     SELECT x.* FROM (%3$s) x WHERE x.district_id = :district AND x.at >= :start AND x.at < :end),
                 ratings AS MATERIALIZED (
                     SELECT x.* FROM (%4$s) x WHERE x.district_id = :district AND x.at >= :start AND x.at < :end),
                 spans AS (SELECT x.dispatched_at AS a, x.claimed_at AS b FROM responses x
                           WHERE x.claimed_at >= :start AND x.claimed_at < :end
                           UNION ALL SELECT x.started_at, x.at FROM resolutions x),
                 days AS MATERIALIZED (%5$s)
            SELECT f.grid_path, f.member_id, f.day, min(f.grid_id) AS grid_id, %1$s
            FROM (SELECT x.grid_path, x.grid_id, 0 AS member_id, CAST(x.due_at AT TIME ZONE :zone AS date) AS day,
                         1 AS response_due, CASE WHEN x.claimed_at <= x.due_at THEN 1 ELSE 0 END AS responded_in_time,
                         0 AS responses, 0 AS response_seconds, 0 AS response_working_seconds, 0 AS resolved,
                         0 AS resolved_with_due, 0 AS resolved_on_time, 0 AS resolved_timed, 0 AS resolution_seconds,
                         0 AS resolution_working_seconds, 0 AS rated, 0 AS rated_solved, 0 AS rated_satisfied,
                         0 AS rated_basically, 0 AS reopened, 0 AS overdue_first_ever, 0 AS overdue_first_of_day,
                         0 AS supervised_first_ever, 0 AS supervised_first_of_day
                  FROM responses x WHERE x.due_at >= :start AND x.due_at < :end
                  UNION ALL
                  SELECT x.grid_path, x.grid_id, 0, CAST(x.claimed_at AT TIME ZONE :zone AS date), 0, 0, 1,
                         extract(epoch FROM x.claimed_at - x.dispatched_at),
                         CASE WHEN x.dispatched_at >= x.claimed_at THEN 0 ELSE %6$s - %7$s END, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                         0, 0, 0, 0
                  FROM responses x
                  JOIN days a ON a.day = CAST(x.dispatched_at AT TIME ZONE :zone AS date)
                  JOIN days b ON b.day = CAST(x.claimed_at AT TIME ZONE :zone AS date)
                  WHERE x.claimed_at >= :start AND x.claimed_at < :end
                  UNION ALL
                  SELECT x.grid_path, x.grid_id, m.member_id, CAST(x.at AT TIME ZONE :zone AS date), 0, 0, 0, 0, 0, 1,
                         CASE WHEN x.due_at IS NULL THEN 0 ELSE 1 END, CASE WHEN x.at <= x.due_at THEN 1 ELSE 0 END,
                         CASE WHEN x.started_at IS NULL THEN 0 ELSE 1 END, coalesce(extract(epoch FROM x.at - x.started_at), 0),
                         CASE WHEN x.started_at IS NULL OR x.started_at >= x.at THEN 0 ELSE %8$s - %9$s END,
                         0, 0, 0, 0, 0, 0, 0, 0, 0
                  FROM resolutions x
                  LEFT JOIN days a ON a.day = CAST(x.started_at AT TIME ZONE :zone AS date)
                  JOIN days b ON b.day = CAST(x.at AT TIME ZONE :zone AS date)
                  CROSS JOIN LATERAL (VALUES (0), (x.actor_id)) m (member_id)
                  WHERE m.member_id IS NOT NULL
                  UNION ALL
                  SELECT x.grid_path, x.grid_id, m.member_id, CAST(x.at AT TIME ZONE :zone AS date), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                         1, CASE WHEN x.solved = 'SOLVED' THEN 1 ELSE 0 END, CASE WHEN x.rating = 'SATISFIED' THEN 1 ELSE 0 END,
                         CASE WHEN x.rating = 'BASICALLY_SATISFIED' THEN 1 ELSE 0 END, CASE WHEN x.reopened THEN 1 ELSE 0 END,
                         0, 0, 0, 0
                  FROM ratings x CROSS JOIN LATERAL (VALUES (0), (x.resolver_id)) m (member_id)
                  WHERE m.member_id IS NOT NULL
                  UNION ALL
                  SELECT x.grid_path, CAST(split_part(x.grid_path, '/', -2) AS bigint), 0, x.day, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                         0, 0, 0, 0, 0, CASE WHEN x.overdue AND x.overdue_before IS NULL THEN 1 ELSE 0 END,
                         CASE WHEN x.overdue AND (x.overdue_before IS NULL OR x.overdue_before < x.day) THEN 1 ELSE 0 END,
                         CASE WHEN x.supervised AND x.supervised_before IS NULL THEN 1 ELSE 0 END,
                         CASE WHEN x.supervised AND (x.supervised_before IS NULL OR x.supervised_before < x.day) THEN 1 ELSE 0 END
                  FROM (%10$s) x) f
            GROUP BY 1, 2, 3"""
            .formatted(summed(MetricsQueries.COUNTERS), TicketFacts.RESPONSES, TicketFacts.RESOLUTIONS, TicketFacts.RATINGS,
                    WorkingDays.of(":district", "(SELECT min(least(s.a, s.b)) FROM spans s)", "(SELECT max(greatest(s.a, s.b)) FROM spans s)",
                            ":zone"),
                    WorkingDays.workedUntil("b", "x.claimed_at"), WorkingDays.workedUntil("a", "x.dispatched_at"),
                    WorkingDays.workedUntil("b", "x.at"), WorkingDays.workedUntil("a", "x.started_at"), RECOUNT_SUPERVISION);

    /**
     * The tickets filed on the days :from..:to by each figure apart (V34): by status, category, source and matter
     * class now, with n.
     */
    private static final String RECOUNT_FILED = """
            SELECT x.grid_path, CAST(x.at AT TIME ZONE :zone AS date) AS day, k.dimension, k.value, count(*) AS n
            FROM (%s) x CROSS JOIN LATERAL metrics_filed_keys(x.status, x.category_id, x.source, x.matter_class) k
            WHERE x.district_id = :district AND x.at >= :start AND x.at < :end
            GROUP BY 1, 2, 3, 4""".formatted(TicketFacts.FILED);

    /**
     * Each grid path of the district's tickets with the regions it rolls up to (V23): its grid and each region
     * above. metrics_regions runs once per path here, not once per recounted row (a million tickets: three
     * million rows, 26 s of a 110 s recount).
     */
    private static final String PATHS = """
            paths AS MATERIALIZED (
                SELECT p.grid_path, a.path, a.region_id, a.grid
                FROM (SELECT DISTINCT x.grid_path FROM (%s) x WHERE x.district_id = :district) p
                CROSS JOIN LATERAL metrics_regions(p.grid_path) a)""".formatted(TicketFacts.FILED);

    /**
     * The recount's rows of each grid and of each region above it (V23): grid_path the row's region's, grid_id its id;
     * grouped in the primary key's column order (member, path, day), so that a sorted grouping hands the insert its
     * rows in the key's order.
     */
    private static final String RECOUNT_ROLLED = """
            WITH %s
            SELECT a.path AS grid_path, r.member_id, r.day, a.region_id AS grid_id, a.grid, %s
            FROM (%s) r JOIN paths a ON a.grid_path = r.grid_path
            GROUP BY r.member_id, a.path, r.day, a.region_id, a.grid""".formatted(PATHS, summed(MetricsQueries.COUNTERS), RECOUNT);

    private static final String RECOUNT_FILED_ROLLED = """
            WITH %s
            SELECT a.path AS grid_path, r.day, r.dimension, r.value, sum(r.n) AS n
            FROM (%s) r JOIN paths a ON a.grid_path = r.grid_path
            GROUP BY 1, 2, 3, 4""".formatted(PATHS, RECOUNT_FILED);

    private final EntityManager entityManager;
    private final Regions regions;
    private final DistrictConfig district;

    MetricsCounters(EntityManager entityManager, Regions regions, DistrictConfig district) {
        this.entityManager = entityManager;
        this.regions = regions;
        this.district = district;
    }

    /** The counter rows of the district's days from..to (and of their months) that differ from a recount. */
    @Transactional
    Drifts check(long districtId, LocalDate from, LocalDate to) {
        roomToSort();
        List<Object[]> rows = new ArrayList<>();
        rows.addAll(list(query("SELECT 'figures', d.grain, d.grid_path, d.member_id, d.day,"
                + " count(*) OVER () FROM (" + drifts("D", COUNTER_KEYS, MetricsQueries.COUNTERS, RECOUNT_ROLLED, stored("metrics_counter",
                        COUNTER_KEYS, MetricsQueries.COUNTERS))
                + " UNION ALL " + drifts("M", COUNTER_KEYS, MetricsQueries.COUNTERS, monthsOfDays("metrics_counter", COUNTER_KEYS,
                        MetricsQueries.COUNTERS), months("metrics_counter", COUNTER_KEYS, MetricsQueries.COUNTERS))
                + ") d ORDER BY d.day, d.grid_path, d.member_id LIMIT " + MAX_DRIFTS, districtId, from, to)));
        List<String> n = List.of("n");
        // a region's day or month once, however many of its figures' values differ (a drift names no figure)
        rows.addAll(list(query("SELECT 'filed', d.grain, d.grid_path, NULL, d.day, count(*) OVER ()"
                + " FROM (SELECT DISTINCT * FROM (" + drifts("D", FILED_KEYS, n, RECOUNT_FILED_ROLLED, stored("metrics_filed", FILED_KEYS, n))
                + " UNION ALL " + drifts("M", FILED_KEYS, n, monthsOfDays("metrics_filed", FILED_KEYS, n),
                        months("metrics_filed", FILED_KEYS, n))
                + ") x) d ORDER BY d.day, d.grid_path LIMIT " + MAX_DRIFTS, districtId, from, to)));
        String stored = "SELECT " + SUPERVISION_COLUMNS + " FROM metrics_supervision x WHERE x.district_id = :district"
                + " AND x.day >= :from AND x.day <= :to";
        rows.addAll(list(query("SELECT 'supervision', 'D', coalesce(r.grid_path, s.grid_path), NULL, coalesce(r.day, s.day),"
                + " count(*) OVER () FROM (" + RECOUNT_SUPERVISION + ") r FULL JOIN (" + stored + ") s ON r.event_id = s.event_id"
                + " WHERE (" + prefixed("r", List.of(SUPERVISION_COLUMNS.split(", "))) + ") IS DISTINCT FROM ("
                + prefixed("s", List.of(SUPERVISION_COLUMNS.split(", "))) + ") ORDER BY 5, 3 LIMIT " + MAX_DRIFTS, districtId, from, to)));
        long counted = rows.stream().collect(Collectors.groupingBy(r -> (String) r[0],
                Collectors.reducing(0L, r -> ((Number) r[5]).longValue(), Math::max))).values().stream().mapToLong(Long::longValue).sum();
        List<Drift> drifts = rows.stream().limit(MAX_DRIFTS).map(r -> new Drift((String) r[0], "D".equals(r[1]) ? "DAY" : "MONTH",
                regionId((String) r[2]), r[3] == null || ((Number) r[3]).longValue() == 0 ? null : ((Number) r[3]).longValue(), (LocalDate) r[4])).toList();
        return new Drifts(counted, drifts);
    }

    record Drifts(long count, List<Drift> shown) {
    }

    /** Counts the district's days from..to (and their months) again from the facts; the rows written. */
    @Transactional
    long rebuild(long districtId, LocalDate from, LocalDate to) {
        entityManager.createNativeQuery("SELECT CAST(pg_advisory_xact_lock(1117, CAST(:district % 2147483647 AS integer)) AS text)")
                .setParameter("district", districtId).getSingleResult();
        roomToSort();
        // the district's pending deltas into the counters first, so that the rows deleted below hold them all
        entityManager.createNativeQuery("SELECT metrics_fold(:district, NULL)").setParameter("district", districtId).getSingleResult();
        String figures = String.join(", ", MetricsQueries.COUNTERS);
        long rows = 0;
        execute("DELETE FROM metrics_counter x WHERE x.district_id = :district AND x.grain = 'D' AND x.day >= :from AND x.day <= :to",
                districtId, from, to);
        rows += execute("INSERT INTO metrics_counter (district_id, grain, member_id, grid_path, day, grid_id, grid, " + figures + ")"
                + " SELECT :district, 'D', r.member_id, r.grid_path, r.day, r.grid_id, r.grid, " + prefixed("r", MetricsQueries.COUNTERS)
                + " FROM (" + RECOUNT_ROLLED + ") r", districtId, from, to);
        execute("DELETE FROM metrics_counter x WHERE x.district_id = :district AND x.grain = 'M' AND x.day >= :monthFrom"
                + " AND x.day <= :to", districtId, from, to);
        rows += execute("INSERT INTO metrics_counter (district_id, grain, member_id, grid_path, day, grid_id, grid, " + figures + ")"
                + " SELECT :district, 'M', r.member_id, r.grid_path, r.day, r.grid_id, r.grid, " + prefixed("r", MetricsQueries.COUNTERS)
                + " FROM (" + monthsOfDays("metrics_counter", COUNTER_KEYS, MetricsQueries.COUNTERS) + ") r", districtId, from, to);
        execute("DELETE FROM metrics_filed x WHERE x.district_id = :district AND x.grain = 'D' AND x.day >= :from AND x.day <= :to",
                districtId, from, to);
        rows += execute("INSERT INTO metrics_filed (district_id, grain, " + FILED_KEYS + ", n) SELECT :district, 'D', r.*"
                + " FROM (" + RECOUNT_FILED_ROLLED + ") r", districtId, from, to);
        execute("DELETE FROM metrics_filed x WHERE x.district_id = :district AND x.grain = 'M' AND x.day >= :monthFrom AND x.day <= :to",
                districtId, from, to);
        rows += execute("INSERT INTO metrics_filed (district_id, grain, " + FILED_KEYS + ", n) SELECT :district, 'M', "
                + prefixed("r", List.of(FILED_KEYS.split(", "))) + ", r.n FROM ("
                + monthsOfDays("metrics_filed", FILED_KEYS, List.of("n")) + ") r", districtId, from, to);
        execute("DELETE FROM metrics_supervision x WHERE x.district_id = :district AND x.day >= :from AND x.day <= :to",
                districtId, from, to);
        rows += execute("INSERT INTO metrics_supervision (district_id, " + SUPERVISION_COLUMNS + ") SELECT :district, r.*"
                + " FROM (" + RECOUNT_SUPERVISION + ") r", districtId, from, to);
        return rows;
    }

    /**
     * A calendar replaced: the working time of every interval that touches the year changes, and such an
     * interval ends (is placed) on or after the year's first day; so those days are counted again, in
     * the calendar's transaction.
     */
    void holidaysReplaced(@Observes HolidaysReplaced replaced) {
        LocalDate first = LocalDate.of(replaced.year(), 1, 1);
        Object last = entityManager.createNativeQuery("SELECT max(x.day) FROM " + withPending("metrics_counter", List.of("day"))
                + " x WHERE x.district_id = :district AND x.grain = 'D'").setParameter("district", replaced.districtId()).getSingleResult();
        if (last instanceof LocalDate day && !day.isBefore(first)) {
            rebuild(replaced.districtId(), first, day);
        }
    }

    /** The counters are kept in the configured zone's days: when it changes, every district's are counted again. */
    @Transactional
    void zone(@Observes StartupEvent started) {
        String zone = district.zone().getId();
        if (entityManager.createNativeQuery("UPDATE metrics_zone SET zone = :zone WHERE zone <> :zone")
                .setParameter("zone", zone).executeUpdate() > 0) {
            LOG.infof("The district's zone is now %s: counting every figure again in its days", zone);
            regions.districts().forEach(d -> rebuild(d.id(), FIRST_DAY, LAST_DAY));
        }
    }

    /**
     * A recount groups a row per fact (half a million for 100,000 tickets): with the default 4 MB it
     * sorts on disk; this transaction may take more, as maintenance does.
     */
    private void roomToSort() {
        entityManager.createNativeQuery("SELECT set_config('work_mem', '" + RECOUNT_WORK_MEM + "', true)").getSingleResult();
    }

    // ---- SQL ----------------------------------------------------------------------------------------

    private static String prefixed(String alias, List<String> columns) {
        return columns.stream().map(c -> alias + "." + c).collect(Collectors.joining(", "));
    }

    /** The stored day rows of the days :from..:to, with their pending deltas: one row per key. */
    private static String stored(String table, String keys, List<String> values) {
        return "SELECT " + keys + ", " + summed(values) + " FROM " + withPending(table, columns(keys, values))
                + " x WHERE district_id = :district AND grain = 'D' AND day >= :from AND day <= :to GROUP BY " + keys;
    }

    /** The stored month rows of the months :from..:to touch, with their pending deltas. */
    private static String months(String table, String keys, List<String> values) {
        return "SELECT " + keys + ", " + summed(values) + " FROM " + withPending(table, columns(keys, values))
                + " x WHERE district_id = :district AND grain = 'M' AND day >= :monthFrom AND day <= :to GROUP BY " + keys;
    }

    /** The stored day rows of those months (with their pending deltas), summed per month: what their month rows must hold. */
    private static String monthsOfDays(String table, String keys, List<String> values) {
        String grouped = keys.replace("day", "CAST(date_trunc('month', CAST(day AS timestamp)) AS date) AS day");
        boolean counter = table.equals("metrics_counter");
        List<String> columns = new ArrayList<>(columns(keys, values));
        if (counter) {
            columns.addAll(List.of("grid_id", "grid"));
        }
        return "SELECT " + grouped + (counter ? ", min(grid_id) AS grid_id, bool_and(grid) AS grid" : "") + ", " + summed(values)
                + " FROM " + withPending(table, columns) + " x WHERE district_id = :district AND grain = 'D' AND day >= :monthFrom"
                + " AND day < :monthEnd GROUP BY " + keys.replace("day", "CAST(date_trunc('month', CAST(day AS timestamp)) AS date)");
    }

    private static List<String> columns(String keys, List<String> values) {
        List<String> columns = new ArrayList<>(List.of(keys.split(", ")));
        columns.addAll(values);
        return columns;
    }

    /**
     * A counter table's rows (these columns, with district_id and grain) and its pending deltas, each
     * delta as the fold will add it: to its grid's row and to the row of each region above (V23). A key
     * may repeat; one statement sees both at one snapshot, so sums over them are exact.
     */
    private static String withPending(String table, List<String> columns) {
        String delta = columns.stream().map(c -> switch (c) {
            case "grid_path" -> "a.path";
            case "grid_id" -> "a.region_id";
            case "grid" -> "a.grid";
            default -> "p." + c;
        }).collect(Collectors.joining(", "));
        return "(SELECT district_id, grain, " + String.join(", ", columns) + " FROM " + table + " UNION ALL SELECT p.district_id,"
                + " p.grain, " + delta + " FROM " + table + "_pending p CROSS JOIN LATERAL metrics_regions(p.grid_path) a)";
    }

    private static String summed(List<String> values) {
        return values.stream().map(v -> "sum(" + v + ") AS " + v).collect(Collectors.joining(", "));
    }

    /** The keys of the rows where the recount (r) and the stored rows (s) differ, a missing row counting as zeros. */
    private static String drifts(String grain, String keys, List<String> values, String recounted, String stored) {
        List<String> keyList = List.of(keys.split(", "));
        String on = keyList.stream().map(k -> "r." + k + " = s." + k).collect(Collectors.joining(" AND "));
        String differ = values.stream().map(v -> "coalesce(r." + v + ", 0) <> coalesce(s." + v + ", 0)")
                .collect(Collectors.joining(" OR "));
        String member = keyList.contains("member_id") ? "coalesce(r.member_id, s.member_id)" : "NULL";
        return "SELECT '" + grain + "' AS grain, coalesce(r.grid_path, s.grid_path) AS grid_path, " + member + " AS member_id,"
                + " coalesce(r.day, s.day) AS day FROM (" + recounted + ") r FULL JOIN (" + stored + ") s ON " + on
                + " WHERE " + differ;
    }

    /** The statement with the parameters it names bound: the district, the days, their months and instants, the zone. */
    private Query query(String sql, long districtId, LocalDate from, LocalDate to) {
        Query query = entityManager.createNativeQuery(sql);
        Period period = new Period(from, to, district.zone());
        LocalDate monthFrom = from.withDayOfMonth(1);
        for (Object[] p : new Object[][] { { "district", districtId }, { "from", from }, { "to", to }, { "monthFrom", monthFrom },
                { "monthEnd", to.withDayOfMonth(1).plusMonths(1) }, { "start", period.start() }, { "end", period.end() },
                { "zone", district.zone().getId() } }) {
            if (Pattern.compile(":" + p[0] + "\\b").matcher(sql).find()) {
                query.setParameter((String) p[0], p[1]);
            }
        }
        return query;
    }

    private int execute(String sql, long districtId, LocalDate from, LocalDate to) {
        return query(sql, districtId, from, to).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> list(Query query) {
        return query.getResultList();
    }

    /** A region's id: the last id of its path. */
    private static long regionId(String path) {
        String[] ids = path.replaceAll("^/+|/+$", "").split("/");
        return Long.parseLong(ids[ids.length - 1]);
    }
}
