package io.gridloop.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.gridloop.metrics.MetricsViews.Average;
import io.gridloop.metrics.MetricsViews.Entry;
import io.gridloop.metrics.MetricsViews.Rate;

/** The board's order, key by key, with missing rates and times last, whatever order the entries came in. */
class BoardOrderTest {

    private static Entry entry(long id, long resolved, long onTime, long withDue, long satisfied, long rated, long seconds) {
        return new Entry(null, id, null, resolved, Rate.of(onTime, withDue), Rate.of(satisfied, rated),
                Average.of(seconds < 0 ? 0 : resolved, Math.max(seconds, 0), 0));
    }

    @Test
    void on_time_then_satisfaction_then_resolved_then_time_then_id() {
        List<Entry> expected = List.of(
                entry(9, 5, 5, 5, 1, 2, 100),     // on time 1.0
                entry(3, 5, 4, 5, 2, 2, 100),     // on time 0.8, satisfaction 1.0
                entry(4, 9, 4, 5, 1, 2, 100),     // 0.8, 0.5, more resolved
                entry(1, 5, 4, 5, 1, 2, 100),     // 0.8, 0.5, 5 resolved, 100 s
                entry(7, 5, 4, 5, 1, 2, 900),     // the same but slower
                entry(8, 5, 4, 5, 1, 2, 900),     // a tie but for the id
                entry(2, 5, 4, 5, 1, 2, -1),      // no resolution time: after every time
                entry(5, 5, 4, 5, 0, 0, 100),     // no satisfaction rate: after every rate of its on-time rate
                entry(6, 5, 0, 0, 2, 2, 100));    // no on-time rate: last
        List<Entry> shuffled = new ArrayList<>(expected);
        for (long seed = 1; seed <= 20; seed++) {
            Collections.shuffle(shuffled, new Random(seed));
            shuffled.sort(MetricsService::board);
            assertEquals(expected.stream().map(Entry::id).toList(), shuffled.stream().map(Entry::id).toList(), "seed " + seed);
        }
    }

    @Test
    void the_first_few_are_those_a_whole_sort_puts_first() {
        Random random = new Random(7);
        List<Entry> entries = new ArrayList<>();
        for (long id = 1; id <= 500; id++) {   // few distinct values, so ties reach down to the id
            long resolved = 1 + random.nextInt(4);
            entries.add(entry(id, resolved, random.nextInt((int) resolved + 1), resolved, random.nextInt(3), 2, random.nextInt(3) * 100 - 1));
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(MetricsService::board);
        for (int n : new int[] { 0, 1, 10, 499, 500, 600 }) {
            List<Entry> expected = sorted.subList(0, Math.min(n, sorted.size()));
            assertEquals(expected, MetricsService.first(entries, n, MetricsService::board), "the first " + n);
            List<Entry> last = new ArrayList<>(sorted.subList(sorted.size() - expected.size(), sorted.size()));
            Collections.reverse(last);
            assertEquals(last, MetricsService.first(entries, n, (a, b) -> MetricsService.board(b, a)), "the last " + n);
        }
    }
}
