package io.gridloop.shared.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The time format written by hand is {@link JsonTimes#FORMAT}'s, rounding included (plain JUnit). */
class JsonTimesTest {

    @Test
    void the_edges_are_written_as_the_formatter_writes_them() {
        for (String time : new String[] { "2026-11-02T01:00:00Z", "2026-11-02T09:00:00+08:00", "2026-12-31T23:59:59.9999995Z",
                "2026-12-31T23:59:59.9999994Z", "2026-06-30T23:59:59.999999500-05:30", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999Z", "9999-12-31T23:59:59.9999996Z", "1970-01-01T00:00:00.000001Z",
                "2024-02-29T12:34:56.123456789+14:00", "0001-01-01T00:00:00.0000005-18:00" }) {
            OffsetDateTime parsed = OffsetDateTime.parse(time);
            assertEquals(reference(parsed), JsonTimes.format(parsed), time);
        }
        assertEquals("2027-01-01T00:00:00.000000Z", JsonTimes.format(OffsetDateTime.parse("2026-12-31T23:59:59.9999995Z")));
        assertEquals("+10000-01-01T00:00:00.000000Z", JsonTimes.format(OffsetDateTime.parse("9999-12-31T23:59:59.9999996Z")));
    }

    @Test
    void any_time_is_written_as_the_formatter_writes_it() {
        SplittableRandom random = new SplittableRandom(20261206);
        for (int i = 0; i < 200_000; i++) {
            OffsetDateTime time = OffsetDateTime.of(random.nextInt(-5, 10_006), random.nextInt(1, 13), random.nextInt(1, 29),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000_000),
                    ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 3600, 18 * 3600 + 1)));
            assertEquals(reference(time), JsonTimes.format(time), time.toString());
        }
    }

    /** What the service wrote before the format was written by hand. */
    private static String reference(OffsetDateTime time) {
        return JsonTimes.FORMAT.format(time.withOffsetSameInstant(ZoneOffset.UTC).plusNanos(500).truncatedTo(ChronoUnit.MICROS));
    }
}
