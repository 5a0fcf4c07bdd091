package io.gridloop.metrics;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import io.gridloop.catalog.Catalog;
import io.gridloop.metrics.MetricsViews.Average;
import io.gridloop.metrics.MetricsViews.Figures;
import io.gridloop.metrics.MetricsViews.Rate;
import io.gridloop.shared.security.RegionPaths;
import io.gridloop.shared.sql.Bulk;
import io.gridloop.shared.sql.CustomPlans;
import io.gridloop.shared.sql.Where;

/**
 * The figures in SQL: the sums read from the counters V17 and V23 maintain (one statement for the timeline's
 * figures, one for the tickets filed), each summed over the counter rows of a region (a range of grid
 * paths) and period, grouped by a bucket (the whole period, a child region, or a step of a series);
 * overdue and supervised, counted once per ticket in each bucket, from the supervision events V28 keeps
 * with the day of the ticket's previous one.
 */
@ApplicationScoped
class MetricsQueries {

    /** The counters of {@code metrics_counter} in the order the statements read them (after the bucket). */
    static final List<String> FIGURES = List.of("response_due", "responded_in_time", "responses", "response_seconds",
            "response_working_seconds", "resolved", "resolved_with_due", "resolved_on_time", "resolved_timed", "resolution_seconds",
            "resolution_working_seconds", "rated", "rated_solved", "rated_satisfied", "rated_basically", "reopened");
    /** The counters a board reads, in this order: nine of the sixteen of {@link #FIGURES}. */
    static final List<String> BOARD_FIGURES = List.of("resolved", "resolved_with_due", "resolved_on_time", "resolved_timed",
            "resolution_seconds", "resolution_working_seconds", "rated", "rated_satisfied", "rated_basically");

    /**
     * How facts are grouped: {@code sql(localDay)} is SQL naming each row's group as text, given SQL of
     * its local date; {@code first(localDay)} SQL of the first day of that row's group within the period;
     * {@code monthsWhole} when no group splits a month, so month rows may be read; {@code childIds} the
     * regions whose counter rows are read, when not the region's own (null).
     */
    record Buckets(UnaryOperator<String> sql, UnaryOperator<String> first, boolean monthsWhole, List<Long> childIds) {
        static final Buckets WHOLE = new Buckets(day -> "'all'", day -> ":from", true, null);
    }

    /**
     * One bucket per child region of the region with this path, named by the next id in the path: the
     * children's own rows, and the pending deltas of the grids below each.
     */
    static Buckets children(String path, List<Long> childIds) {
        return new Buckets(day -> "split_part(substr(x.grid_path, " + (path.length() + 1) + "), '/', 1)", day -> ":from", true, childIds);
    }

    /** One bucket per step of the series, named by the step's first day (before cutting to the period). */
    static Buckets steps(Period.Interval interval) {
        UnaryOperator<String> step = day -> "CAST(date_trunc('" + interval.sqlUnit() + "', CAST(" + day + " AS timestamp)) AS date)";
        return new Buckets(day -> "CAST(" + step.apply(day) + " AS text)", day -> "greatest(" + step.apply(day) + ", :from)",
                interval == Period.Interval.MONTH, null);
    }

    private final EntityManager entityManager;
    private final Catalog catalog;
    private final MetricsConfig config;

    MetricsQueries(EntityManager entityManager, Catalog catalog, MetricsConfig config) {
        this.entityManager = entityManager;
        this.catalog = catalog;
        this.config = config;
    }

    /** A statement of the summary, and what its rows (bucket first) add to their bucket's tally. */
    record Statement(String sql, Where where, BiConsumer<Tally, Object[]> into) {

        /** Binds the parameters of the clause that the statement uses (the zone only some do). */
        <Q extends Query> Q bind(Q query) {
            where.parameters().forEach((name, value) -> {
                if (Pattern.compile(":" + name + "\\b").matcher(sql).find()) {
                    query.setParameter(name, value);
                }
            });
            return query;
        }
    }

    /** The figures of the region with this path over the period, by bucket. */
    Map<String, Figures> summary(long districtId, String path, Period period, Buckets buckets) {
        Map<String, Tally> tallies = tallies(summaryStatements(districtId, path, period, buckets), bucket -> (String) bucket);
        Map<Long, String> codes = catalog.codes(tallies.values().stream().flatMap(t -> t.categories.keySet().stream()).toList());
        Map<String, Figures> figures = new HashMap<>();
        tallies.forEach((bucket, t) -> figures.put(bucket, t.figures(codes, config.basicallySatisfiedWeight())));
        return figures;
    }

    List<Statement> summaryStatements(long districtId, String path, Period period, Buckets buckets) {
        Where scope = scope(districtId, path, period);
        List<String> regions = buckets.childIds() == null ? List.of(path) : buckets.childIds().stream().map(id -> path + id + "/").toList();
        scope.with("regions", regions);
        String own = "x.district_id = :district AND x.grid_path IN (:regions)";
        String bucket = buckets.sql().apply("x.day");
        return List.of(
                new Statement("SELECT " + bucket + ", " + sums(FIGURES) + " FROM " + rows("metrics_counter", own + " AND x.member_id = 0",
                        scope.sql() + " AND x.member_id = 0", buckets.monthsWhole()) + " GROUP BY 1", scope, Tally::counted),
                new Statement("SELECT " + bucket + ", x.status, x.category_id, x.source, x.matter_class, sum(x.n) FROM "
                        + rows("metrics_filed", own, scope.sql(), buckets.monthsWhole()) + " GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.n) <> 0",
                        scope, Tally::filed),
                // a ticket once per bucket: its events in the bucket with no earlier one in the bucket (V28)
                new Statement("SELECT " + bucket + ", count(*) FILTER (WHERE x.overdue AND (x.overdue_before IS NULL OR x.overdue_before < "
                        + buckets.first().apply("x.day") + ")), count(*) FILTER (WHERE x.supervised AND (x.supervised_before IS NULL"
                        + " OR x.supervised_before < " + buckets.first().apply("x.day") + ")) FROM metrics_supervision x WHERE "
                        + scope.sql() + " AND x.day >= :from AND x.day <= :to GROUP BY 1", scope,
                        (t, r) -> t.supervision = new long[] { n(r[1]), n(r[2]) }));
    }

    /**
     * The board's tallies, per member (who resolved; a rating goes to the author of the resolution it
     * judges) or per grid, of the region with this path over the period. The rows are summed here, as they
     * come, not grouped in SQL: a board has a group per member, and PostgreSQL's sums keep a numeric state
     * for each, which took twice as long as reading the rows (a district's month at a million tickets:
     * 11,010 rows read in 25-30 ms, summed in 60-85 more). A month is one row per member or grid. They are
     * read on the JDBC connection into {@link BoardRow}s: through the ORM each of the 110,100 values of
     * that month went through its extractors and a boxed {@code Object[]} (a sixth of the JVM's time).
     */
    Map<Long, BoardRow> ranking(long districtId, String path, Period period, boolean byMember) {
        planForTheseValues();
        Where.Jdbc board = rankingStatement(districtId, path, period, byMember);
        Map<Long, BoardRow> sums = new HashMap<>();
        for (BoardRow row : Bulk.rows(entityManager, board.sql(), BoardRow::read, board.parameters())) {
            sums.merge(row.id(), row, BoardRow::plus);
        }
        return sums;
    }

    /** The board's statement as {@link #ranking} runs it: the member or grid, then {@link #BOARD_FIGURES}, per row. */
    Where.Jdbc rankingStatement(long districtId, String path, Period period, boolean byMember) {
        Where scope = scope(districtId, path, period).with("region", path);
        String counters = byMember ? "x.district_id = :district AND x.grid_path = :region AND x.member_id <> 0"
                : scope.sql() + " AND x.grid AND x.member_id = 0";
        String pending = scope.sql() + (byMember ? " AND x.member_id <> 0" : " AND x.member_id = 0");
        String key = byMember ? "x.member_id" : "x.grid_id";
        return scope.jdbc("SELECT " + key + ", " + BOARD_FIGURES.stream().map(f -> "x." + f).collect(Collectors.joining(", "))
                + " FROM " + rows("metrics_counter", counters, pending, true));
    }

    /** A counter row of a board, or the sum of a member's or grid's rows: the member or grid, then {@link #BOARD_FIGURES}. */
    record BoardRow(long id, long resolved, long resolvedWithDue, long resolvedOnTime, long resolvedTimed, BigDecimal resolutionSeconds,
            BigDecimal resolutionWorkingSeconds, long rated, long ratedSatisfied, long ratedBasically) {

        static BoardRow read(ResultSet row) throws SQLException {
            return new BoardRow(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5), row.getBigDecimal(6),
                    row.getBigDecimal(7), row.getLong(8), row.getLong(9), row.getLong(10));
        }

        /** This row and another of the same member or grid, added (seconds exactly). */
        BoardRow plus(BoardRow o) {
            return new BoardRow(id, resolved + o.resolved, resolvedWithDue + o.resolvedWithDue, resolvedOnTime + o.resolvedOnTime,
                    resolvedTimed + o.resolvedTimed, resolutionSeconds.add(o.resolutionSeconds),
                    resolutionWorkingSeconds.add(o.resolutionWorkingSeconds), rated + o.rated, ratedSatisfied + o.ratedSatisfied,
                    ratedBasically + o.ratedBasically);
        }

        /** Resolutions by the deadline in force ÷ resolutions that had one. */
        Rate onTime() {
            return Rate.of(resolvedOnTime, resolvedWithDue);
        }

        /** (SATISFIED + w × BASICALLY_SATISFIED) ÷ rated. */
        Rate satisfaction(double w) {
            return Rate.of(ratedSatisfied + w * ratedBasically, rated);
        }

        Average resolutionTime() {
            return Average.of(resolvedTimed, resolutionSeconds.doubleValue(), resolutionWorkingSeconds.doubleValue());
        }
    }

    /**
     * This transaction's statements planned for their own region and period, whose rows differ a thousandfold
     * between a grid's week and a district's years: a generic plan is priced for neither (for the supervision
     * counts read live before V28 it read ten times what a custom one did, 26 against 2.6 ms for a district's
     * month on 100,000 tickets). And in one process: the counters' row estimates are far above a region's own
     * rows (4,488 for 29 day rows of a district), so PostgreSQL started two workers to read 43 rows, 5.8 ms
     * where one process took 0.5 (a district's year on 1,000,000 tickets).
     */
    void planForTheseValues() {
        CustomPlans.forThisTransaction(entityManager);
        entityManager.createNativeQuery("SELECT set_config('max_parallel_workers_per_gather', '0', true)").getSingleResult();
    }

    private <K> Map<K, Tally> tallies(List<Statement> statements, Function<Object, K> key) {
        planForTheseValues();
        Map<K, Tally> tallies = new HashMap<>();
        for (Statement statement : statements) {
            for (Object[] r : rows(statement)) {
                statement.into().accept(tallies.computeIfAbsent(key.apply(r[0]), k -> new Tally()), r);
            }
        }
        return tallies;
    }

    private static String sums(List<String> figures) {
        return figures.stream().map(f -> "sum(x." + f + ")").collect(Collectors.joining(", "));
    }

    /**
     * The rows that cover the period, as {@code x}: those of the counter table that {@code counters}
     * selects and the pending deltas (V23; rows of grids, which {@link CounterFolding} has not yet added
     * to the grids' and their regions' rows) that {@code pending} selects, in one statement (one
     * snapshot), so a sum over them is exact whether or not a fold has run; of each, day rows for the
     * period's ragged ends and month rows for the whole months between (day rows only when a bucket
     * splits months).
     */
    private static String rows(String table, String counters, String pending, boolean monthsWhole) {
        List<String> parts = new ArrayList<>();
        for (String[] source : new String[][] { { table, counters }, { table + "_pending", pending } }) {
            String rows = "SELECT * FROM " + source[0] + " x WHERE " + source[1];
            parts.add(rows + " AND x.grain = 'D' AND x.day >= :from AND x.day < :monthsFrom");
            parts.add(rows + " AND x.grain = 'D' AND x.day >= :monthsTo AND x.day <= :to");
            if (monthsWhole) {
                parts.add(rows + " AND x.grain = 'M' AND x.day >= :monthsFrom AND x.day < :monthsTo");
            }
        }
        return "(" + String.join(" UNION ALL ", parts) + ") x";
    }

    private static Where scope(long districtId, String path, Period period) {
        Period.Months months = period.wholeMonths();
        return Where.of("x.district_id = :district", "district", districtId)
                .and(RegionPaths.within("x.grid_path", "scope", path))
                .with("start", period.start()).with("end", period.end()).with("zone", period.zone().getId())
                .with("from", period.from()).with("to", period.to()).with("monthsFrom", months.first()).with("monthsTo", months.end());
    }

    private List<Object[]> rows(Statement statement) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = statement.bind(entityManager.createNativeQuery(statement.sql())).getResultList();
        return rows;
    }

    static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    static double d(Object value) {
        return value == null ? 0 : ((Number) value).doubleValue();
    }

    /** The counts of one bucket as the statements find them. */
    static final class Tally {
        long filed;
        final Map<String, Long> statuses = new TreeMap<>();
        final Map<Long, Long> categories = new HashMap<>();
        final Map<String, Long> sources = new TreeMap<>();
        final Map<String, Long> matterClasses = new TreeMap<>();
        long[] responseDue = { 0, 0 };
        Average responseTime = Average.of(0, 0, 0);
        Object[] resolutions = { null, 0, 0, 0, 0, 0, 0 };
        Object[] ratings = { null, 0, 0, 0, 0, 0 };
        long[] supervision = { 0, 0 };

        /** A row of counter sums: the bucket, then {@link #FIGURES}. */
        void counted(Object[] r) {
            responseDue = new long[] { n(r[1]), n(r[2]) };
            responseTime = Average.of(n(r[3]), d(r[4]), d(r[5]));
            resolutions = new Object[] { r[0], r[6], r[7], r[8], r[9], r[10], r[11] };
            ratings = new Object[] { r[0], r[12], r[13], r[14], r[15], r[16] };
        }

        void filed(Object[] r) {
            long count = n(r[5]);
            filed += count;
            statuses.merge((String) r[1], count, Long::sum);
            categories.merge(n(r[2]), count, Long::sum);
            sources.merge((String) r[3], count, Long::sum);
            matterClasses.merge(r[4] == null ? "UNCLASSIFIED" : (String) r[4], count, Long::sum);
        }

        Figures figures(Map<Long, String> codes, double w) {
            Map<String, Long> byCategory = new TreeMap<>();
            categories.forEach((id, count) -> byCategory.merge(codes.getOrDefault(id, String.valueOf(id)), count, Long::sum));
            return new Figures(filed, statuses, byCategory, sources, matterClasses,
                    Rate.of(responseDue[1], responseDue[0]), Rate.of(n(ratings[2]), n(ratings[1])), satisfaction(w), onTime(),
                    responseTime, resolutionTime(), supervision[0], supervision[1], n(ratings[5]));
        }

        /** Resolutions by the deadline in force ÷ resolutions that had one. */
        Rate onTime() {
            return Rate.of(n(resolutions[3]), n(resolutions[2]));
        }

        /** (SATISFIED + w × BASICALLY_SATISFIED) ÷ rated. */
        Rate satisfaction(double w) {
            return Rate.of(n(ratings[3]) + w * n(ratings[4]), n(ratings[1]));
        }

        Average resolutionTime() {
            return Average.of(n(resolutions[4]), d(resolutions[5]), d(resolutions[6]));
        }
    }
}
