package io.gridloop.metrics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The ranking board (红黑榜) of metrics for other features (the review board with its stars): the
 * same caller checks, scope, period rule, figures, order and minimum as
 * {@code GET /api/v1/metrics/rankings}, because it is that method's answer; so on-time and
 * satisfaction are defined once, here in metrics.
 */
@ApplicationScoped
public class Boards {

    /** numerator ÷ denominator; {@code value} null when the denominator is 0. */
    public record Ratio(double numerator, long denominator, Double value) {
    }

    /** One member or grid: its place (null below the minimum) and its figures in the period. */
    public record Standing(Integer rank, long id, String name, long resolved, Ratio onTimeRate, Ratio satisfactionRate,
            Double averageResolutionHours) {
    }

    /**
     * The board of a region over the days from..to: {@code start} and {@code end} are the instants
     * that bound the period (the district's midnights), for figures the caller adds over the same period.
     */
    public record Board(long regionId, LocalDate from, LocalDate to, OffsetDateTime start, OffsetDateTime end, int minimum,
            int ranked, int unranked, List<Standing> top, List<Standing> bottom, List<Standing> belowMinimum) {
    }

    private final MetricsService metrics;

    Boards(MetricsService metrics) {
        this.metrics = metrics;
    }

    /**
     * As {@code GET /api/v1/metrics/rankings}: 400 naming {@code from} or {@code to} for a bad period,
     * 403 for a caller who is no leader, 404 for a region out of their scope.
     */
    @Transactional
    public Board rankings(long regionId, String from, String to, boolean byMember) {
        Period period = metrics.period(from, to);
        MetricsViews.Rankings rankings = metrics.rankings(regionId, period, byMember);
        return new Board(rankings.regionId(), rankings.from(), rankings.to(), period.start(), period.end(), rankings.minimum(),
                rankings.ranked(), rankings.unranked(), standings(rankings.top()), standings(rankings.bottom()), standings(rankings.belowMinimum()));
    }

    private static List<Standing> standings(List<MetricsViews.Entry> entries) {
        return entries.stream().map(e -> new Standing(e.rank(), e.id(), e.name(), e.resolved(), ratio(e.onTimeRate()),
                ratio(e.satisfactionRate()), e.resolutionTime().averageHours())).toList();
    }

    private static Ratio ratio(MetricsViews.Rate rate) {
        return new Ratio(rate.numerator(), rate.denominator(), rate.value());
    }
}
