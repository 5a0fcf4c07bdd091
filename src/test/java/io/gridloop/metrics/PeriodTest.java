package io.gridloop.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridloop.shared.problem.ProblemException;

/** Periods in the district's zone and the steps of a series, without Quarkus. */
class PeriodTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void a_period_runs_from_midnight_of_its_first_day_to_midnight_after_its_last_in_the_districts_zone() {
        Period april = Period.of("2027-04-01", "2027-04-30", SHANGHAI, 3660);
        assertEquals(OffsetDateTime.parse("2027-03-31T16:00Z").toInstant(), april.start().toInstant());
        assertEquals(OffsetDateTime.parse("2027-04-30T16:00Z").toInstant(), april.end().toInstant());
    }

    @Test
    void weeks_start_on_monday_and_months_on_the_first_each_cut_to_the_period() {
        Period period = Period.of("2027-04-01", "2027-05-04", SHANGHAI, 3660);
        List<Period> weeks = period.steps(Period.Interval.WEEK, 1000);
        assertEquals(LocalDate.parse("2027-04-01"), weeks.get(0).from());
        assertEquals(LocalDate.parse("2027-04-04"), weeks.get(0).to());
        assertEquals(LocalDate.parse("2027-04-05"), weeks.get(1).from());
        assertEquals(LocalDate.parse("2027-05-03"), weeks.get(weeks.size() - 1).from());
        assertEquals(LocalDate.parse("2027-05-04"), weeks.get(weeks.size() - 1).to());
        List<Period> months = period.steps(Period.Interval.MONTH, 1000);
        assertEquals(List.of(LocalDate.parse("2027-04-01"), LocalDate.parse("2027-05-01")), months.stream().map(Period::from).toList());
        assertEquals(LocalDate.parse("2027-04-30"), months.get(0).to());
        assertEquals(34, period.steps(Period.Interval.DAY, 1000).size());
    }

    @Test
    void bad_dates_reversed_or_too_long_periods_and_too_many_points_are_refused_naming_the_field() {
        assertField("from", () -> Period.of("2027-02-29", "2027-03-01", SHANGHAI, 3660));
        assertField("to", () -> Period.of("2027-03-02", "2027-03-01", SHANGHAI, 3660));
        assertField("to", () -> Period.of("2027-01-01", "2027-01-31", SHANGHAI, 30));
        assertEquals(31, Period.of("2027-01-01", "2027-01-31", SHANGHAI, 31).steps(Period.Interval.DAY, 31).size());
        assertField("interval", () -> Period.of("2027-01-01", "2027-01-31", SHANGHAI, 31).steps(Period.Interval.DAY, 30));
    }

    private static void assertField(String field, Runnable call) {
        ProblemException refused = assertThrows(ProblemException.class, call::run);
        assertEquals(field, refused.violations().get(0).field());
    }
}
