package io.gridloop.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class PeerPeriodTest {

    @Test
    void a_month_starts_on_its_first_day_and_a_quarter_on_the_first_of_january_april_july_or_october() {
        assertEquals(LocalDate.of(2026, 12, 1), PeerPeriod.MONTH.startOf(LocalDate.of(2026, 12, 31)));
        assertEquals(LocalDate.of(2026, 10, 1), PeerPeriod.QUARTER.startOf(LocalDate.of(2026, 12, 31)));
        assertEquals(LocalDate.of(2026, 1, 1), PeerPeriod.QUARTER.startOf(LocalDate.of(2026, 3, 31)));
        assertEquals(LocalDate.of(2026, 4, 1), PeerPeriod.QUARTER.startOf(LocalDate.of(2026, 4, 1)));
    }
}
