package io.gridloop.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gridloop.metrics")
interface MetricsConfig {

    /** w of the satisfaction rate: (SATISFIED + w × BASICALLY_SATISFIED) ÷ rated (SPEC §1.10). */
    @WithDefault("1")
    double basicallySatisfiedWeight();

    /** Fewer resolutions than this in the period, and a member or grid is listed apart from the board. */
    @WithDefault("3")
    int rankingMinimum();

    /** How many entries the top and the bottom of the board each show. */
    @WithDefault("10")
    int boardSize();

    /** How many of those below the minimum are listed (most resolutions first); the board counts them all. */
    @WithDefault("100")
    int belowMinimumShown();

    /** The longest period a question may cover, in days (ten years). */
    @WithDefault("3660")
    int maxPeriodDays();

    /** How often the pending deltas of the counters are folded into them (V23; {@code metrics.CounterFolding}); read by {@code @Scheduled}. */
    @WithDefault("1s")
    String foldEvery();

    /** The most points a series (interval=day|week|month) may have. */
    @WithDefault("1000")
    int maxSeriesPoints();
}
