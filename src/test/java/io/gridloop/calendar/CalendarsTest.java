package io.gridloop.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;

import jakarta.enterprise.inject.Vetoed;

import org.junit.jupiter.api.Test;

import io.gridloop.catalog.LimitUnit;
import io.gridloop.support.TestClock;

/** Each (district, year) is read once per time-to-live of the injected clock; plain JUnit. */
class CalendarsTest {

    /** Counts the reads; 2026-11-03 (a Tuesday) is a holiday. */
    @Vetoed // not a bean of the Quarkus tests: its superclass is one
    private static final class CountingHolidays extends Holidays {

        int reads;

        CountingHolidays() {
            super(null, null);
        }

        @Override
        Map<LocalDate, Boolean> specialDays(long districtId, int year) {
            reads++;
            return Map.of(LocalDate.of(2026, 11, 3), false);
        }
    }

    @Test
    void a_year_is_read_again_once_the_injected_clock_passes_the_time_to_live() {
        TestClock clock = new TestClock();
        clock.set(OffsetDateTime.parse("2026-11-02T09:00:00+08:00"));
        CountingHolidays holidays = new CountingHolidays();
        Calendars calendars = new Calendars(holidays, () -> ZoneId.of("Asia/Shanghai"), () -> Duration.ofMinutes(1), clock);
        OffsetDateTime monday = OffsetDateTime.parse("2026-11-02T10:00:00+08:00");

        assertEquals(OffsetDateTime.parse("2026-11-04T10:00:00+08:00"), calendars.due(1, monday, 1, LimitUnit.WORKING_DAYS));
        calendars.due(1, monday, 1, LimitUnit.WORKING_DAYS);
        assertEquals(1, holidays.reads);

        clock.advance(Duration.ofSeconds(59));
        calendars.due(1, monday, 1, LimitUnit.WORKING_DAYS);
        assertEquals(1, holidays.reads);

        clock.advance(Duration.ofSeconds(1));
        calendars.due(1, monday, 1, LimitUnit.WORKING_DAYS);
        assertEquals(2, holidays.reads);
    }
}
