package io.gridloop.metrics;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.gridloop.catalog.Catalog;
import io.gridloop.metrics.MetricsViews.Average;
import io.gridloop.metrics.MetricsViews.Figures;
import io.gridloop.metrics.MetricsViews.Rate;
import io.gridloop.shared.security.RegionPaths;
import io.gridloop.shared.sql.CustomPlans;
import io.gridloop.shared.sql.Jdbc;
import io.gridloop.shared.sql.Where;

/**
 * The figures in SQL: the sums read from the counters V17 and V23 maintain (one statement for the timeline's
 * figures, one for the tickets filed), each summed over the counter rows of a region (a range of grid
 * paths) and period, grouped by a bucket (the whole period, a child region, or a step of a series);
 * overdue and supervised, counted once per ticket in each bucket, as the counters of the tickets' first such events
 * (V38) and the supervision events V28 keeps whose previous one lies before their bucket.
 */
@ApplicationScoped
class MetricsQueries {

    /** The counters of {@code metrics_counter} in the order the statements read them (after the bucket). */
    static final List<String> FIGURES = List.of("response_due", "responded_in_time", "responses", "response_seconds",
            "response_working_seconds", "resolved", "resolved_with_due", "resolved_on_time", "resolved_timed", "resolution_seconds",
            "resolution_working_seconds", "rated", "rated_solved", "rated_satisfied", "rated_basically", "reopened");
    /**
     * The counters of overdue and supervised (V38): the events with no previous one of their kind, and those with
     * no previous one on their own day.
     */
    static final List<String> SUPERVISION_FIGURES = List.of("overdue_first_ever", "overdue_first_of_day", "supervised_first_ever",
            "supervised_first_of_day");
    /** Every counter of {@code metrics_counter}, as the rebuild writes and the check compares them. */
    static final List<String> COUNTERS = Stream.concat(FIGURES.stream(), SUPERVISION_FIGURES.stream()).toList();
    /** The columns of {@code metrics_filed} (V34: a value of one figure) the summary reads from each row, in this order (after the bucket). */
    static final List<String> FILED = List.of("dimension", "value", "n");
    /** The counters a board reads, in this order: nine of the sixteen of {@link #FIGURES}. */
    static final List<String> BOARD_FIGURES = List.of("resolved", "resolved_with_due", "resolved_on_time", "resolved_timed",
            "resolution_seconds", "resolution_working_seconds", "rated", "rated_satisfied", "rated_basically");

    /**
     * How facts are grouped: {@code sql(localDay)} is SQL naming each row's group (text, or a date, which the
     * statements' reader takes as its text), given SQL of its local date; {@code first(localDay)} SQL of the
     * first day of that row's group within the period; {@code monthsWhole} when no group splits a month, so
     * month rows may be read; {@code days} when each group is a day, whose overdue and supervised the counters
     * hold whole; {@code childIds} the regions whose counter rows are read, when not the region's own (null).
     */
    record Buckets(UnaryOperator<String> sql, UnaryOperator<String> first, boolean monthsWhole, boolean days, List<Long> childIds) {
        static final Buckets WHOLE = new Buckets(day -> "'all'", day -> ":from", true, false, null);
    }

    /**
     * One bucket per child region of the region with this path, named by the next id in the path: the
     * children's own rows, and the pending deltas of the grids below each.
     */
    static Buckets children(String path, List<Long> childIds) {
        return new Buckets(day -> "split_part(substr(x.grid_path, " + (path.length() + 1) + "), '/', 1)", day -> ":from", true, false,
                childIds);
    }

    /**
     * One bucket per step of the series, named by the step's first day (before cutting to the period). A day
     * is its own step: its rows are not truncated one by one. The step is grouped as a date, not as its text
     * (made text row by row and grouped on that, the supervision rows a daily series counted before V38 took twice as long).
     */
    static Buckets steps(Period.Interval interval) {
        boolean days = interval == Period.Interval.DAY;
        UnaryOperator<String> step = days ? day -> day
                : day -> "CAST(date_trunc('" + interval.sqlUnit() + "', CAST(" + day + " AS timestamp)) AS date)";
        return new Buckets(step, day -> "greatest(" + step.apply(day) + ", :from)", interval == Period.Interval.MONTH, days, null);
    }

    private final EntityManager entityManager;
    private final Jdbc jdbc;
    private final Catalog catalog;
    private final MetricsConfig config;

    MetricsQueries(EntityManager entityManager, Jdbc jdbc, Catalog catalog, MetricsConfig config) {
        this.entityManager = entityManager;
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.config = config;
    }

    /** A statement of the summary, and how each of its rows (the bucket first, as text) adds to its bucket's tally. */
    record Statement(String sql, Where where, Into into) {

        /** The statement as {@link #tallies} runs it, binding the parameters of the clause that it uses. */
        Where.Jdbc jdbc() {
            return where.jdbc(sql);
        }
    }

    /** Adds a row of a statement to its bucket's tally. */
    interface Into {
        void add(Tally tally, ResultSet row) throws SQLException;
    }

    /** The figures of the region with this path over the period, by bucket. */
    Map<String, Figures> summary(long districtId, String path, Period period, Buckets buckets) {
        return figures(tallies(summaryStatements(districtId, path, period, buckets)));
    }

    /** The figures of the whole period, and of each step of a series by the step's first day. */
    record Series(Figures whole, Map<String, Figures> steps) {
    }

    /** The figures of the whole period and of each step of the series, of the region with this path. */
    Series series(long districtId, String path, Period period, Period.Interval interval) {
        Map<String, Tally> steps = tallies(summaryStatements(districtId, path, period, steps(interval)));
        Tally whole = tallies(summaryStatements(districtId, path, period, Buckets.WHOLE)).getOrDefault("all", new Tally());
        // the steps and the whole as one map, so their categories' codes are looked up once
        Map<String, Tally> all = new HashMap<>(steps);
        all.put("all", whole);
        Map<String, Figures> figures = figures(all);
        return new Series(figures.remove("all"), figures);
    }

    private Map<String, Figures> figures(Map<String, Tally> tallies) {
        Map<Long, String> codes = catalog.codes(tallies.values().stream().flatMap(t -> t.categories.keySet().stream()).toList());
        Map<String, Figures> figures = new HashMap<>();
        tallies.forEach((bucket, t) -> figures.put(bucket, t.figures(codes, config.basicallySatisfiedWeight())));
        return figures;
    }

    /**
     * The summary's statements: the counters, the filed counts (as {@link #sums}), then, unless each bucket is a day,
     * the supervision events that carry a ticket's overdue or supervised into a bucket.
     * A ticket counts once in a bucket when one of its events falls in it with no earlier one on or after the bucket's
     * first day: the events with no previous one of their kind are counters, and to them each bucket adds the events
     * whose previous one is before its first day, those whose span (previous day, day] holds that day (V38's
     * indexes, one probe per first day). A day's counters hold its count whole.
     */
    List<Statement> summaryStatements(long districtId, String path, Period period, Buckets buckets) {
        List<Statement> statements = new ArrayList<>(sums(districtId, path, period, buckets));
        if (buckets.days()) {
            return statements;
        }
        Where scope = scope(districtId, path, period);
        String first = buckets.first().apply("x.day");
        if (first.equals(":from")) {
            // the whole period and its children: one first day
            statements.add(new Statement("SELECT " + buckets.sql().apply("x.day") + ", " + carried("CAST(:from AS date)", scope)
                    + " GROUP BY 1", scope, Tally::carried));
            return statements;
        }
        // the steps of a series: a probe of the indexes per step, each step's events counted in it (an aggregate, so the probe
        // stays a nested loop: joined plainly, a weekly series of a district's year at ten million was hashed against every
        // one of the district's 326,068 events that have a previous one, 299 ms)
        statements.add(new Statement("SELECT " + buckets.sql().apply("f.first") + ", c.* FROM (SELECT DISTINCT "
                + buckets.first().apply("CAST(g AS date)") + " AS first FROM generate_series(CAST(:from AS timestamp), CAST(:to AS timestamp),"
                + " interval '1 day') g) f CROSS JOIN LATERAL (SELECT " + carried("f.first", scope) + " AND " + first + " = f.first) c", scope,
                Tally::carried));
        return statements;
    }

    /**
     * SQL: overdue, then supervised, counted over the region's events (x) up to :to that carry a ticket into the bucket
     * beginning on this first day (SQL of a date), that is, whose previous one of their kind is before it.
     */
    private static String carried(String firstDay, Where scope) {
        String overdue = crosses("overdue", firstDay);
        String supervised = crosses("supervised", firstDay);
        return "count(*) FILTER (WHERE " + overdue + ") AS overdue, count(*) FILTER (WHERE " + supervised + ") AS supervised"
                + " FROM metrics_supervision x WHERE ((" + overdue + ") OR (" + supervised + ")) AND " + scope.sql() + " AND x.day <= :to";
    }

    /** SQL: the event {@code x} of this kind has a previous one before the first day (SQL of a date) and falls on or after it. */
    private static String crosses(String kind, String firstDay) {
        return "x." + kind + "_before IS NOT NULL AND daterange(x." + kind + "_before, x.day, '(]') @> " + firstDay;
    }

    /** The statements of the figures that add up over buckets: the counters, then the filed counts. */
    private List<Statement> sums(long districtId, String path, Period period, Buckets buckets) {
        Where scope = scope(districtId, path, period);
        List<String> regions = buckets.childIds() == null ? List.of(path) : buckets.childIds().stream().map(id -> path + id + "/").toList();
        scope.with("regions", regions);
        String own = "x.district_id = :district AND x.grid_path IN (:regions)";
        String bucket = buckets.sql().apply("x.day");
        String firstEvents = buckets.days() ? "sum(x.overdue_first_of_day), sum(x.supervised_first_of_day)"
                : "sum(x.overdue_first_ever), sum(x.supervised_first_ever)";
        return List.of(
                new Statement("SELECT " + bucket + ", " + sums(FIGURES) + ", " + firstEvents + " FROM " + rows("metrics_counter", own + " AND x.member_id = 0",
                        scope.sql() + " AND x.member_id = 0", buckets.monthsWhole()) + " GROUP BY 1", scope, Tally::counted),
                // the filed counts' rows as they are, added up by the tally: grouped here, each group kept sum's numeric
                // state (218 ms of a 360 ms answer for a daily series of a district's year at a million tickets)
                new Statement("SELECT " + bucket + ", " + columns(FILED) + " FROM " + rows("metrics_filed", own, scope.sql(),
                        buckets.monthsWhole()), scope, Tally::filed));
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
        jdbc.each(board.sql(), row -> {
            BoardRow read = BoardRow.read(row);
            sums.merge(read.id(), read, BoardRow::plus);
        }, board.parameters());
        return sums;
    }

    /** The board's statement as {@link #ranking} runs it: the member or grid, then {@link #BOARD_FIGURES}, per row. */
    Where.Jdbc rankingStatement(long districtId, String path, Period period, boolean byMember) {
        Where scope = scope(districtId, path, period).with("region", path);
        String counters = byMember ? "x.district_id = :district AND x.grid_path = :region AND x.member_id <> 0"
                : scope.sql() + " AND x.grid AND x.member_id = 0";
        String pending = scope.sql() + (byMember ? " AND x.member_id <> 0" : " AND x.member_id = 0");
        String key = byMember ? "x.member_id" : "x.grid_id";
        return scope.jdbc("SELECT " + key + ", " + columns(BOARD_FIGURES)
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

        Rate satisfaction(double w) {
            return MetricsQueries.satisfaction(ratedSatisfied, ratedBasically, rated, w);
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

    /**
     * The statements' rows added up by bucket, read on the JDBC connection of the transaction: a daily series of
     * a year is tens of thousands of rows of filed counts, which the ORM carried value by value into {@code Object[]}.
     */
    private Map<String, Tally> tallies(List<Statement> statements) {
        planForTheseValues();
        Map<String, Tally> tallies = new HashMap<>();
        for (Statement statement : statements) {
            Where.Jdbc sql = statement.jdbc();
            jdbc.each(sql.sql(), row -> statement.into().add(tallies.computeIfAbsent(row.getString(1), b -> new Tally()), row),
                    sql.parameters());
        }
        return tallies;
    }

    private static String columns(List<String> columns) {
        return columns.stream().map(c -> "x." + c).collect(Collectors.joining(", "));
    }

    private static String sums(List<String> figures) {
        return figures.stream().map(f -> "sum(x." + f + ")").collect(Collectors.joining(", "));
    }

    /**
     * The rows that cover the period, as {@code x}: those of the counter table that {@code counters}
     * selects and the pending deltas (V23; rows of grids, which {@link CounterFolding} has not yet added
     * to the grids' and their regions' rows) that {@code pending} selects, in one statement (one
     * snapshot), so a sum over them is exact whether or not a fold has run; of each, day rows for the
     * period's ragged ends and month rows for the whole months between, or, when a bucket splits months
     * (a daily or weekly series), the day rows of the whole period.
     */
    private static String rows(String table, String counters, String pending, boolean monthsWhole) {
        List<String> parts = new ArrayList<>();
        for (String[] source : new String[][] { { table, counters }, { table + "_pending", pending } }) {
            String rows = "SELECT * FROM " + source[0] + " x WHERE " + source[1];
            if (monthsWhole) {
                parts.add(rows + " AND x.grain = 'D' AND x.day >= :from AND x.day < :monthsFrom");
                parts.add(rows + " AND x.grain = 'D' AND x.day >= :monthsTo AND x.day <= :to");
                parts.add(rows + " AND x.grain = 'M' AND x.day >= :monthsFrom AND x.day < :monthsTo");
            } else {
                parts.add(rows + " AND x.grain = 'D' AND x.day >= :from AND x.day <= :to");
            }
        }
        return "(" + String.join(" UNION ALL ", parts) + ") x";
    }

    /**
     * The rows of the region with this path, and the period's bounds. A district's rows are all of the district's:
     * its path's range holds every one, and checked row by row it was a quarter of a district year's supervision
     * counts at a million tickets (40,000 events, 14-20 against 11-14 ms: V28's period index holds the path as
     * an included column, not as a key).
     */
    private static Where scope(long districtId, String path, Period period) {
        Period.Months months = period.wholeMonths();
        Where scope = Where.of("x.district_id = :district", "district", districtId);
        if (!path.equals(RegionPaths.ofDistrict(districtId))) {
            scope.and(RegionPaths.within("x.grid_path", "scope", path));
        }
        return scope.with("start", period.start()).with("end", period.end()).with("zone", period.zone().getId())
                .with("from", period.from()).with("to", period.to()).with("monthsFrom", months.first()).with("monthsTo", months.end());
    }

    /** (SATISFIED + w × BASICALLY_SATISFIED) ÷ rated: the satisfaction rate (SPEC §1.10) of the summary and of the boards. */
    static Rate satisfaction(long satisfied, long basically, long rated, double w) {
        return Rate.of(satisfied + w * basically, rated);
    }

    /** The counts of one bucket as the statements find them (a sum of no rows is 0). */
    static final class Tally {
        long filed;
        final Map<String, Long> statuses = new TreeMap<>();
        final Map<Long, Long> categories = new HashMap<>();
        final Map<String, Long> sources = new TreeMap<>();
        final Map<String, Long> matterClasses = new TreeMap<>();
        long responseDue;
        long respondedInTime;
        Average responseTime = Average.of(0, 0, 0);
        long resolvedWithDue;
        long resolvedOnTime;
        long resolvedTimed;
        double resolutionSeconds;
        double resolutionWorkingSeconds;
        long rated;
        long ratedSolved;
        long ratedSatisfied;
        long ratedBasically;
        long reopened;
        long overdue;
        long supervised;

        /**
         * A row of counter sums: the bucket, then {@link #FIGURES} (the 6th, resolved, only the boards show), then the
         * tickets' first overdue and supervised events (ever, or of their day when each bucket is a day).
         */
        void counted(ResultSet r) throws SQLException {
            responseDue = r.getLong(2);
            respondedInTime = r.getLong(3);
            responseTime = Average.of(r.getLong(4), r.getDouble(5), r.getDouble(6));
            resolvedWithDue = r.getLong(8);
            resolvedOnTime = r.getLong(9);
            resolvedTimed = r.getLong(10);
            resolutionSeconds = r.getDouble(11);
            resolutionWorkingSeconds = r.getDouble(12);
            rated = r.getLong(13);
            ratedSolved = r.getLong(14);
            ratedSatisfied = r.getLong(15);
            ratedBasically = r.getLong(16);
            reopened = r.getLong(17);
            overdue += r.getLong(18);
            supervised += r.getLong(19);
        }

        /**
         * A row of filed counts, as kept or a pending delta: the bucket, then {@link #FILED}: the figure (status,
         * category, source or matter class), its value (a category by its id), count. A value's rows add up to the
         * tickets it holds now, never below 0; every ticket holds one status, so the statuses add up to the tickets
         * filed.
         */
        void filed(ResultSet r) throws SQLException {
            String value = r.getString(3);
            long count = r.getLong(4);
            switch (r.getString(2)) {
                case "status" -> {
                    filed += count;
                    statuses.merge(value, count, Long::sum);
                }
                case "category" -> categories.merge(Long.parseLong(value), count, Long::sum);
                case "source" -> sources.merge(value, count, Long::sum);
                case "matter_class" -> matterClasses.merge(value, count, Long::sum);
                default -> throw new IllegalStateException("a filed count of no known figure: " + r.getString(2));
            }
        }

        /** A row of the events that carry a ticket into a bucket: the bucket, overdue, supervised. */
        void carried(ResultSet r) throws SQLException {
            overdue += r.getLong(2);
            supervised += r.getLong(3);
        }

        /** The figures; a status, category, source or class whose rows added up to 0 holds no ticket and is left out. */
        Figures figures(Map<Long, String> codes, double w) {
            for (Map<?, Long> counts : List.of(statuses, categories, sources, matterClasses)) {
                counts.values().removeIf(count -> count == 0);
            }
            Map<String, Long> byCategory = new TreeMap<>();
            categories.forEach((id, count) -> byCategory.merge(codes.getOrDefault(id, String.valueOf(id)), count, Long::sum));
            return new Figures(filed, statuses, byCategory, sources, matterClasses, Rate.of(respondedInTime, responseDue),
                    Rate.of(ratedSolved, rated), satisfaction(ratedSatisfied, ratedBasically, rated, w), Rate.of(resolvedOnTime, resolvedWithDue),
                    responseTime, Average.of(resolvedTimed, resolutionSeconds, resolutionWorkingSeconds), overdue, supervised, reopened);
        }
    }
}
