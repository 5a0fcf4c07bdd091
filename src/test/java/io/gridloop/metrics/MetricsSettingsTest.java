package io.gridloop.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Settings out of range stop the start with the setting's name, instead of a 500 on every board. */
class MetricsSettingsTest {

    private record Settings(double basicallySatisfiedWeight, int rankingMinimum, int boardSize, int belowMinimumShown,
            int maxPeriodDays, int maxSeriesPoints) implements MetricsConfig {

        static final Settings DEFAULTS = new Settings(1, 3, 10, 100, 3660, 1000);

        @Override
        public String foldEvery() {
            return "1s";
        }
    }

    private static String refused(Settings settings) {
        return assertThrows(IllegalArgumentException.class, () -> MetricsService.checked(settings)).getMessage();
    }

    @Test
    void the_defaults_and_the_edges_pass() {
        assertSame(Settings.DEFAULTS, MetricsService.checked(Settings.DEFAULTS));
        Settings edges = new Settings(0, 0, 0, 0, 1, 1);
        assertSame(edges, MetricsService.checked(edges));
    }

    @Test
    void each_setting_out_of_range_is_named() {
        assertEquals("gridloop.metrics.basically-satisfied-weight must be from 0 to 1, not 1.5",
                refused(new Settings(1.5, 3, 10, 100, 3660, 1000)));
        assertEquals("gridloop.metrics.basically-satisfied-weight must be from 0 to 1, not NaN",
                refused(new Settings(Double.NaN, 3, 10, 100, 3660, 1000)));
        assertEquals("gridloop.metrics.ranking-minimum must be at least 0, not -1",
                refused(new Settings(1, -1, 10, 100, 3660, 1000)));
        assertEquals("gridloop.metrics.board-size must be at least 0, not -5", refused(new Settings(1, 3, -5, 100, 3660, 1000)));
        assertEquals("gridloop.metrics.below-minimum-shown must be at least 0, not -1", refused(new Settings(1, 3, 10, -1, 3660, 1000)));
        assertEquals("gridloop.metrics.max-period-days must be at least 1, not 0", refused(new Settings(1, 3, 10, 100, 0, 1000)));
        assertEquals("gridloop.metrics.max-series-points must be at least 1, not 0", refused(new Settings(1, 3, 10, 100, 3660, 0)));
    }
}
