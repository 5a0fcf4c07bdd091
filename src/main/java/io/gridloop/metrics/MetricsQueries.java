package io.gridloop.metrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import io.gridloop.calendar.Calendars;
import io.gridloop.calendar.WorkingCalendar;
import io.gridloop.catalog.Catalog;
import io.gridloop.metrics.MetricsViews.Average;
import io.gridloop.metrics.MetricsViews.Figures;
import io.gridloop.metrics.MetricsViews.Rate;
import io.gridloop.shared.security.RegionPaths;
import io.gridloop.shared.sql.Where;
import io.gridloop.ticket.TicketFacts;

/**
 * The figures in SQL over {@link TicketFacts}: one statement per kind of fact, each counting the facts
 * of a region (a range of grid paths) whose own time falls in the period, grouped by a bucket (the
 * whole period, a child region, or a step of a series).
 */
@ApplicationScoped
class MetricsQueries {

    /** How facts are grouped: {@code bucket(timeColumn)} is SQL naming each fact's group as text. */
    interface Buckets {
        String sql(String timeColumn);

        Buckets WHOLE = time -> "'all'";
    }

    /** One bucket per child region of the region with this path: the next id in the grid path. */
    static Buckets children(String path) {
        return time -> "split_part(substr(x.grid_path, " + (path.length() + 1) + "), '/', 1)";
    }

    /** One bucket per step of the series, named by the step's first day (before cutting to the period). */
    static Buckets steps(Period.Interval interval) {
        return time -> "CAST(CAST(date_trunc('" + interval.sqlUnit() + "', x." + time + " AT TIME ZONE :zone) AS date) AS text)";
    }

    private final EntityManager entityManager;
    private final Catalog catalog;
    private final Calendars calendars;
    private final MetricsConfig config;

    MetricsQueries(EntityManager entityManager, Catalog catalog, Calendars calendars, MetricsConfig config) {
        this.entityManager = entityManager;
        this.catalog = catalog;
        this.calendars = calendars;
        this.config = config;
    }

    /** A statement of the summary, and what its rows (bucket first) add to their bucket's tally. */
    record Statement(String sql, Where where, BiConsumer<Tally, Object[]> into) {

        /** Binds the parameters of the clause that the statement uses (the zone and the calendar only some do). */
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
        Map<String, Tally> tallies = tallies(summaryStatements(districtId, path, period, buckets), bucket -> bucket);
        Map<Long, String> codes = catalog.codes(tallies.values().stream().flatMap(t -> t.categories.keySet().stream()).toList());
        Map<String, Figures> figures = new HashMap<>();
        tallies.forEach((bucket, t) -> figures.put(bucket, t.figures(codes, config.basicallySatisfiedWeight())));
        return figures;
    }

    List<Statement> summaryStatements(long districtId, String path, Period period, Buckets buckets) {
        Where scope = scope(districtId, path, period);
        Where timed = workingDays(scope, districtId, period);
        return List.of(
                new Statement("SELECT " + buckets.sql("at") + ", x.status, x.category_id, x.source, x.matter_class, count(*)"
                        + " FROM (" + TicketFacts.FILED + ") x WHERE " + within(scope, "at") + " GROUP BY 1, 2, 3, 4, 5", scope,
                        Tally::filed),
                new Statement("SELECT " + buckets.sql("due_at") + ", count(*), count(*) FILTER (WHERE x.claimed_at <= x.due_at)"
                        + " FROM (" + TicketFacts.RESPONSES + ") x WHERE " + within(scope, "due_at") + " GROUP BY 1", scope,
                        (t, r) -> t.responseDue = new long[] { n(r[1]), n(r[2]) }),
                new Statement("SELECT " + buckets.sql("claimed_at") + ", count(*), " + durations("dispatched_at", "claimed_at")
                        + " FROM (" + TicketFacts.RESPONSES + ") x WHERE " + within(scope, "claimed_at") + " GROUP BY 1", timed,
                        (t, r) -> t.responseTime = Average.of(n(r[1]), d(r[2]), d(r[3]))),
                new Statement(resolutions(buckets.sql("at"), within(scope, "at")), timed, (t, r) -> t.resolutions = r),
                new Statement(ratings(buckets.sql("at"), within(scope, "at")), scope, (t, r) -> t.ratings = r),
                new Statement("SELECT " + buckets.sql("at") + ", count(DISTINCT x.ticket_id) FILTER (WHERE x.overdue),"
                        + " count(DISTINCT x.ticket_id) FILTER (WHERE x.level IN ('YELLOW', 'RED'))"
                        + " FROM (" + TicketFacts.SUPERVISION + ") x WHERE " + within(scope, "at") + " GROUP BY 1", scope,
                        (t, r) -> t.supervision = new long[] { n(r[1]), n(r[2]) }));
    }

    /**
     * The board's tallies, per member (who resolved; a rating goes to the author of the resolution it
     * judges) or per grid, of the region with this path over the period.
     */
    Map<Long, Tally> ranking(long districtId, String path, Period period, boolean byMember) {
        Where scope = scope(districtId, path, period);
        String resolver = byMember ? "x.actor_id" : "x.grid_id";
        String rater = byMember ? "x.resolver_id" : "x.grid_id";
        return tallies(List.of(
                new Statement(resolutions("CAST(" + resolver + " AS text)", within(scope, "at") + " AND " + resolver + " IS NOT NULL"),
                        workingDays(scope, districtId, period), (t, r) -> t.resolutions = r),
                new Statement(ratings("CAST(" + rater + " AS text)", within(scope, "at") + " AND " + rater + " IS NOT NULL"), scope,
                        (t, r) -> t.ratings = r)),
                Long::valueOf);
    }

    private <K> Map<K, Tally> tallies(List<Statement> statements, Function<String, K> key) {
        Map<K, Tally> tallies = new TreeMap<>();
        for (Statement statement : statements) {
            for (Object[] r : rows(statement)) {
                statement.into().accept(tallies.computeIfAbsent(key.apply((String) r[0]), k -> new Tally()), r);
            }
        }
        return tallies;
    }

    /** Resolutions: bucket, resolved, with a deadline, on time, timed, seconds, working seconds. */
    private static String resolutions(String bucket, String where) {
        return "SELECT " + bucket + ", count(*), count(x.due_at), count(*) FILTER (WHERE " + TicketFacts.onTime("x") + "),"
                + " count(x.started_at), "
                + durations("started_at", "at") + " FROM (" + TicketFacts.RESOLUTIONS + ") x WHERE " + where + " GROUP BY 1";
    }

    /** Ratings: bucket, rated, solved, satisfied, basically satisfied, reopened. */
    private static String ratings(String bucket, String where) {
        return "SELECT " + bucket + ", count(*), count(*) FILTER (WHERE x.solved = 'SOLVED'),"
                + " count(*) FILTER (WHERE x.rating = 'SATISFIED'), count(*) FILTER (WHERE x.rating = 'BASICALLY_SATISFIED'),"
                + " count(*) FILTER (WHERE x.reopened) FROM (" + TicketFacts.RATINGS + ") x WHERE " + where + " GROUP BY 1";
    }

    private static String durations(String start, String end) {
        return "coalesce(sum(CAST(extract(epoch FROM x.%2$s - x.%1$s) AS double precision)), 0),"
                .formatted(start, end)
                + " coalesce(sum(working_seconds(x.%1$s, x.%2$s, :zone, CAST(:holidays AS date[]), CAST(:extraWorking AS date[]))), 0)"
                        .formatted(start, end);
    }

    private static Where scope(long districtId, String path, Period period) {
        return Where.of("x.district_id = :district", "district", districtId)
                .and(RegionPaths.within("x.grid_path", "scope", path))
                .with("start", period.start()).with("end", period.end()).with("zone", period.zone().getId());
    }

    private static String within(Where scope, String timeColumn) {
        return scope.sql() + " AND x.%1$s >= :start AND x.%1$s < :end".formatted(timeColumn);
    }

    /**
     * The calendar's marked days from the year before the period to its end, for working_seconds (V12):
     * a clock that started earlier than that counts its days there Monday to Friday.
     */
    private Where workingDays(Where scope, long districtId, Period period) {
        WorkingCalendar calendar = calendars.of(districtId);
        List<String> holidays = new ArrayList<>();
        List<String> extraWorking = new ArrayList<>();
        for (LocalDate day = LocalDate.of(period.from().getYear() - 1, 1, 1); day.getYear() <= period.to().getYear();
                day = day.plusDays(1)) {
            boolean weekday = day.getDayOfWeek().getValue() < 6;
            if (weekday != calendar.isWorkingDay(day)) {
                (weekday ? holidays : extraWorking).add(day.toString());
            }
        }
        return Where.always().and(scope).with("holidays", "{" + String.join(",", holidays) + "}")
                .with("extraWorking", "{" + String.join(",", extraWorking) + "}");
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

        long resolved() {
            return n(resolutions[1]);
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
