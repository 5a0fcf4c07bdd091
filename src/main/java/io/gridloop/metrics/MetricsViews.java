package io.gridloop.metrics;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the metrics endpoints answer. Each figure's description says which event puts a ticket in which period. */
final class MetricsViews {

    private MetricsViews() {
    }

    @Schema(name = "MetricsRate", description = "numerator ÷ denominator; value is null when the denominator is 0")
    record Rate(double numerator, long denominator, @Schema(nullable = true) Double value) {
        static Rate of(double numerator, long denominator) {
            return new Rate(numerator, denominator, denominator == 0 ? null : numerator / denominator);
        }
    }

    @Schema(name = "MetricsDuration", description = "An average over count intervals, in wall-clock hours and in working"
            + " days (the time on the district's working days, a working day counting 24 hours); null when count is 0")
    record Average(long count, double totalSeconds, double totalWorkingSeconds, @Schema(nullable = true) Double averageHours,
            @Schema(nullable = true) Double averageWorkingDays) {
        static Average of(long count, double totalSeconds, double totalWorkingSeconds) {
            return new Average(count, totalSeconds, totalWorkingSeconds, count == 0 ? null : totalSeconds / count / 3600,
                    count == 0 ? null : totalWorkingSeconds / count / 86400);
        }
    }

    @Schema(name = "MetricsFigures")
    record Figures(
            @Schema(description = "tickets filed in the period (by the time of filing)") long filed,
            @Schema(description = "the tickets filed in the period, by their status now") Map<String, Long> byStatus,
            @Schema(description = "the tickets filed in the period, by their category code now") Map<String, Long> byCategory,
            @Schema(description = "the tickets filed in the period, by source") Map<String, Long> bySource,
            @Schema(description = "the tickets filed in the period, by matter class now (UNCLASSIFIED before triage or dispatch)")
            Map<String, Long> byMatterClass,
            @Schema(description = "响应率: dispatches claimed by their response deadline ÷ dispatches whose response deadline"
                    + " falls in the period (each dispatch counts once, a redispatch after a reopen again)") Rate responseRate,
            @Schema(description = "解决率: ratings saying SOLVED ÷ ratings given by reporters in the period (by the time of"
                    + " rating; each rating counts, a ticket rated again after a reopen again; auto-close is not a rating)")
            Rate resolutionRate,
            @Schema(description = "满意率: (SATISFIED + w × BASICALLY_SATISFIED) ÷ ratings given in the period, w from"
                    + " gridloop.metrics.basically-satisfied-weight (default 1)") Rate satisfactionRate,
            @Schema(description = "按期办结率: resolutions by the resolution deadline in force then (the dispatch's, or the"
                    + " last approved extension's) ÷ resolutions in the period that had a deadline (PERSONAL guidance has"
                    + " none), by the time of resolution") Rate onTimeClosureRate,
            @Schema(description = "from dispatch to claim, over the claims made in the period") Average responseTime,
            @Schema(description = "from the dispatch that started the clock to resolution, over the resolutions in the period"
                    + " that had one") Average resolutionTime,
            @Schema(description = "tickets the overdue scan found past a deadline in the period (each ticket once)") long overdue,
            @Schema(description = "tickets raised to YELLOW or RED supervision in the period, by a supervisor or the overdue"
                    + " scan (each ticket once)") long supervised,
            @Schema(description = "ratings in the period that sent the ticket back (重办)") long reopened) {
    }

    @Schema(name = "MetricsChild")
    record Child(long regionId, String name, Figures figures) {
    }

    @Schema(name = "MetricsPoint")
    record Point(LocalDate from, LocalDate to, Figures figures) {
    }

    @Schema(name = "MetricsSummary", description = "Figures of a region over the days from..to in the district's zone")
    record Summary(long regionId, LocalDate from, LocalDate to, String zone, Figures figures,
            @Schema(nullable = true, description = "groupBy=child: one entry per child region, in path order") List<Child> children,
            @Schema(nullable = true, description = "interval: one point per day, ISO week or month, cut to the period")
            List<Point> series) {
    }

    @Schema(name = "RankingEntry")
    record Entry(@Schema(nullable = true, description = "place on the board, 1 the best; null below the minimum") Integer rank,
            long id, @Schema(nullable = true) String name,
            @Schema(description = "resolutions in the period (by the time of resolution)") long resolved,
            @Schema(description = "resolutions by their deadline ÷ resolutions with one, in the period") Rate onTimeRate,
            @Schema(description = "(SATISFIED + w × BASICALLY_SATISFIED) ÷ ratings in the period of the resolutions this"
                    + " member made, or of this grid's tickets") Rate satisfactionRate,
            @Schema(description = "from the dispatch that started the clock to resolution") Average resolutionTime) {
    }

    @Schema(name = "Rankings", description = "红黑榜: ordered by on-time rate, then satisfaction rate (a missing rate last),"
            + " then resolved count (more first), average resolution time (shorter first), id")
    record Rankings(long regionId, LocalDate from, LocalDate to, String by, int minimum,
            @Schema(description = "how many are on the board") int ranked,
            @Schema(description = "how many have fewer resolutions than the minimum") int unranked,
            @Schema(description = "the best of the board, best first") List<Entry> top,
            @Schema(description = "the worst of the board, worst first") List<Entry> bottom,
            @Schema(description = "fewer resolutions than the minimum, not ranked: the first of them by resolutions (most"
                    + " first, then id), at most gridloop.metrics.below-minimum-shown (100)") List<Entry> belowMinimum) {
    }

    @Schema(name = "MetricsDrift", description = "A counter row that differs from the recount of the facts")
    record Drift(@Schema(enumeration = { "figures", "filed", "supervision" }, description = "figures: the timeline's counters"
            + " (rates, times, ratings); filed: the tickets filed by status, category, source and matter class (a region's day or"
            + " month once, however many of its values differ); supervision: the"
            + " row of an overdue or supervised event (its day, and the day of the ticket's previous one)")
            String counters,
            @Schema(enumeration = { "DAY", "MONTH" }, description = "a day's row, or a month's (checked against its days)") String grain,
            @Schema(description = "the grid whose row it is, or the region (community, street, district) whose rollup of its"
                    + " grids it is") long regionId,
            @Schema(nullable = true, description = "the member of a board row; null for the region's own") Long memberId,
            @Schema(description = "the day, or the first day of the month") LocalDate day) {
    }

    @Schema(name = "MetricsConsistency", description = "The district's counters of the days from..to (and of their months)"
            + " compared with a recount of the tickets and their timeline")
    record Consistency(long districtId, LocalDate from, LocalDate to, boolean consistent,
            @Schema(description = "how many counter rows differ") long drifted,
            @Schema(description = "the first 100 of them, by day") List<Drift> drifts) {
    }

    @Schema(name = "MetricsRebuild", description = "The district's counters of the days from..to (and of their months) counted"
            + " again from the tickets and their timeline")
    record Rebuilt(long districtId, LocalDate from, LocalDate to, @Schema(description = "counter rows written") long rows) {
    }
}
