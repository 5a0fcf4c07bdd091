package io.gridloop.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.gridloop.account.Accounts;
import io.gridloop.metrics.MetricsViews.Average;
import io.gridloop.metrics.MetricsViews.Child;
import io.gridloop.metrics.MetricsViews.Consistency;
import io.gridloop.metrics.MetricsViews.Entry;
import io.gridloop.metrics.MetricsViews.Figures;
import io.gridloop.metrics.MetricsViews.Point;
import io.gridloop.metrics.MetricsViews.Rankings;
import io.gridloop.metrics.MetricsViews.Rate;
import io.gridloop.metrics.MetricsViews.Rebuilt;
import io.gridloop.metrics.MetricsViews.Summary;
import io.gridloop.region.RegionType;
import io.gridloop.region.Regions;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.time.DistrictConfig;
import io.quarkus.runtime.Startup;

/** The summary and the board of a region the caller acts in as a leader; out of their scope it does not exist (404). */
@ApplicationScoped
@Startup
class MetricsService {

    /** Who may read a region's figures, in the regions they hold the role in. */
    static final Role[] LEADERS = { Role.GRID_LEADER, Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN };

    /**
     * The board's order: on-time rate, then satisfaction rate, each higher first and missing last; more resolved;
     * shorter average resolution time, missing last; id. Written out rather than chained from {@code Comparator}'s
     * boxing keys: a district's board sorts thousands of entries, and the chain was a quarter of its time.
     */
    static int board(Entry a, Entry b) {
        int c = Double.compare(orLowest(b.onTimeRate().value()), orLowest(a.onTimeRate().value()));
        if (c == 0) {
            c = Double.compare(orLowest(b.satisfactionRate().value()), orLowest(a.satisfactionRate().value()));
        }
        if (c == 0) {
            c = Long.compare(b.resolved(), a.resolved());
        }
        if (c == 0) {
            Double hoursA = a.resolutionTime().averageHours();
            Double hoursB = b.resolutionTime().averageHours();
            c = Double.compare(hoursA == null ? Double.POSITIVE_INFINITY : hoursA, hoursB == null ? Double.POSITIVE_INFINITY : hoursB);
        }
        return c != 0 ? c : Long.compare(a.id(), b.id());
    }

    /**
     * The settings, refused at start-up when out of range: a negative board size or list apart answered every
     * board with 500, a weight above 1 would rate more than all satisfied.
     */
    static MetricsConfig checked(MetricsConfig config) {
        double w = config.basicallySatisfiedWeight();
        if (!(w >= 0 && w <= 1)) {
            throw new IllegalArgumentException("gridloop.metrics.basically-satisfied-weight must be from 0 to 1, not " + w);
        }
        atLeast("ranking-minimum", config.rankingMinimum(), 0);
        atLeast("board-size", config.boardSize(), 0);
        atLeast("below-minimum-shown", config.belowMinimumShown(), 0);
        atLeast("max-period-days", config.maxPeriodDays(), 1);
        atLeast("max-series-points", config.maxSeriesPoints(), 1);
        return config;
    }

    private static void atLeast(String setting, int value, int least) {
        if (value < least) {
            throw new IllegalArgumentException("gridloop.metrics." + setting + " must be at least " + least + ", not " + value);
        }
    }

    private static double orLowest(Double rate) {
        return rate == null ? Double.NEGATIVE_INFINITY : rate;
    }

    private final Caller caller;
    private final Regions regions;
    private final Accounts accounts;
    private final MetricsQueries queries;
    private final MetricsCounters counters;
    private final MetricsConfig config;
    private final DistrictConfig district;

    MetricsService(Caller caller, Regions regions, Accounts accounts, MetricsQueries queries, MetricsCounters counters,
            MetricsConfig config, DistrictConfig district) {
        this.counters = counters;
        this.caller = caller;
        this.regions = regions;
        this.accounts = accounts;
        this.queries = queries;
        this.config = checked(config);
        this.district = district;
    }

    Period period(String from, String to) {
        return Period.of(from, to, district.zone(), config.maxPeriodDays());
    }

    @Transactional
    Summary summary(long regionId, Period period, boolean byChild, Period.Interval interval) {
        String path = pathInScope(regionId);
        if (byChild && interval != null) {
            throw ProblemException.invalidField("interval", "field.group-or-interval");
        }
        List<Period> steps = interval == null ? null : period.steps(interval, config.maxSeriesPoints());
        List<Regions.RegionName> children = byChild ? children(regionId) : null;
        MetricsQueries.Series byStep = steps == null ? null : queries.series(caller.districtId(), path, period, interval);
        Figures whole = byStep != null ? byStep.whole()
                : queries.summary(caller.districtId(), path, period, MetricsQueries.Buckets.WHOLE).getOrDefault("all", empty());
        List<Child> byRegion = null;
        if (children != null) {
            Map<String, Figures> found = children.isEmpty() ? Map.of() : queries.summary(caller.districtId(), path, period,
                    MetricsQueries.children(path, children.stream().map(Regions.RegionName::id).toList()));
            byRegion = children.stream()
                    .map(c -> new Child(c.id(), c.name(), found.getOrDefault(String.valueOf(c.id()), empty()))).toList();
        }
        List<Point> series = null;
        if (byStep != null) {
            series = steps.stream().map(s -> new Point(s.from(), s.to(),
                    byStep.steps().getOrDefault(interval.startOf(s.from()).toString(), empty()))).toList();
        }
        return new Summary(regionId, period.from(), period.to(), period.zone().getId(), whole, byRegion, series);
    }

    @Transactional
    Rankings rankings(long regionId, Period period, boolean byMember) {
        String path = pathInScope(regionId);
        double w = config.basicallySatisfiedWeight();
        List<Entry> ranked = new ArrayList<>();
        List<Entry> below = new ArrayList<>();
        queries.ranking(caller.districtId(), path, period, byMember).forEach((id, t) -> {
            Entry entry = new Entry(null, id, null, t.resolved(), t.onTime(), t.satisfaction(w), t.resolutionTime());
            (entry.resolved() >= config.rankingMinimum() ? ranked : below).add(entry);
        });
        int shown = Math.min(config.boardSize(), ranked.size());
        List<Entry> top = first(ranked, shown, MetricsService::board);
        List<Entry> bottom = first(ranked, shown, (a, b) -> board(b, a));
        List<Entry> apart = first(below, config.belowMinimumShown(),
                (a, b) -> a.resolved() != b.resolved() ? Long.compare(b.resolved(), a.resolved()) : Long.compare(a.id(), b.id()));
        // names only for the entries shown: a district's board has thousands of members (11,010 at a million tickets)
        List<Long> ids = Stream.of(top, bottom, apart).flatMap(List::stream).map(Entry::id).distinct().toList();
        Map<Long, String> names = byMember
                ? accounts.contacts(ids).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().name()))
                : regions.named(ids).stream().collect(Collectors.toMap(Regions.RegionName::id, Regions.RegionName::name));
        return new Rankings(regionId, period.from(), period.to(), byMember ? "member" : "grid", config.rankingMinimum(),
                ranked.size(), below.size(), IntStream.range(0, top.size()).mapToObj(i -> named(top.get(i), i + 1, names)).toList(),
                IntStream.range(0, bottom.size()).mapToObj(i -> named(bottom.get(i), ranked.size() - i, names)).toList(),
                apart.stream().map(e -> named(e, null, names)).toList());
    }

    /**
     * The first n of the entries in this order, in order, without sorting them all: a board shows ten of a
     * district's thousands, and sorting 2,545 ranked members and 8,465 apart was a sixth of its time.
     */
    static List<Entry> first(List<Entry> entries, int n, Comparator<Entry> order) {
        PriorityQueue<Entry> kept = new PriorityQueue<>(Math.min(n, entries.size()) + 1, order.reversed());   // the last kept on top
        for (Entry entry : entries) {
            if (kept.size() < n) {
                kept.add(entry);
            } else if (n > 0 && order.compare(entry, kept.peek()) < 0) {
                kept.poll();
                kept.add(entry);
            }
        }
        List<Entry> first = new ArrayList<>(kept);
        first.sort(order);
        return first;
    }

    private static Entry named(Entry e, Integer rank, Map<Long, String> names) {
        return new Entry(rank, e.id(), names.get(e.id()), e.resolved(), e.onTimeRate(), e.satisfactionRate(), e.resolutionTime());
    }

    /** The caller's district's counters of the period against a recount (the district admin's). */
    @Transactional
    Consistency consistency(Period period) {
        MetricsCounters.Drifts drifts = counters.check(caller.districtId(), period.from(), period.to());
        return new Consistency(caller.districtId(), period.from(), period.to(), drifts.count() == 0, drifts.count(), drifts.shown());
    }

    /** The caller's district's counters of the period counted again (the district admin's). */
    @Transactional
    Rebuilt rebuild(Period period) {
        return new Rebuilt(caller.districtId(), period.from(), period.to(),
                counters.rebuild(caller.districtId(), period.from(), period.to()));
    }

    private String pathInScope(long regionId) {
        String path = regions.path(caller.districtId(), regionId).orElseThrow(ProblemException::notFound);
        caller.requireCovers(path, LEADERS);
        return path;
    }

    private List<Regions.RegionName> children(long regionId) {
        if (regions.type(caller.districtId(), regionId).orElseThrow() == RegionType.GRID) {
            throw ProblemException.invalidField("groupBy", "field.grid-has-no-children");
        }
        return regions.children(caller.districtId(), regionId);
    }

    private static Figures empty() {
        Rate none = Rate.of(0, 0);
        Average nothing = Average.of(0, 0, 0);
        return new Figures(0, Map.of(), Map.of(), Map.of(), Map.of(), none, none, none, none, nothing, nothing, 0, 0, 0);
    }
}
