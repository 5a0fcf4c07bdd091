package io.gridloop.calendar;

import static io.gridloop.catalog.LimitUnit.HOURS;
import static io.gridloop.catalog.LimitUnit.WORKING_DAYS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Deadline arithmetic on the real 2026 (published) and 2027 (provisional) calendars of seeds/demo-district.yaml. */
class WorkingCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final WorkingCalendar CHINA = WorkingCalendar.of(SHANGHAI, seededDays());

    /** The calendar of seeds/demo-district.yaml, day by day. */
    private static Map<LocalDate, Boolean> seededDays() {
        Map<LocalDate, Boolean> days = new HashMap<>();
        off(days, "2026-01-01", "2026-01-03");
        on(days, "2026-01-04");
        on(days, "2026-02-14");
        off(days, "2026-02-15", "2026-02-23");
        on(days, "2026-02-28");
        off(days, "2026-04-04", "2026-04-06");
        off(days, "2026-05-01", "2026-05-05");
        on(days, "2026-05-09");
        off(days, "2026-06-19", "2026-06-21");
        on(days, "2026-09-20");
        off(days, "2026-09-25", "2026-09-27");
        off(days, "2026-10-01", "2026-10-07");
        on(days, "2026-10-10");
        off(days, "2027-01-01", "2027-01-03");
        off(days, "2027-02-05", "2027-02-13");
        on(days, "2027-02-20");
        off(days, "2027-04-03", "2027-04-05");
        on(days, "2027-04-25");
        off(days, "2027-05-01", "2027-05-05");
        on(days, "2027-05-08");
        off(days, "2027-06-09", "2027-06-09");
        off(days, "2027-09-15", "2027-09-15");
        on(days, "2027-09-26");
        off(days, "2027-10-01", "2027-10-07");
        on(days, "2027-10-09");
        return days;
    }

    private static void off(Map<LocalDate, Boolean> days, String from, String to) {
        for (LocalDate day = LocalDate.parse(from); !day.isAfter(LocalDate.parse(to)); day = day.plusDays(1)) {
            days.put(day, false);
        }
    }

    private static void on(Map<LocalDate, Boolean> days, String day) {
        days.put(LocalDate.parse(day), true);
    }

    private static OffsetDateTime at(String time) {
        return OffsetDateTime.parse(time);
    }

    private static void assertDue(String expected, OffsetDateTime actual) {
        assertEquals(at(expected), actual, () -> "due " + actual + ", expected " + expected);
    }

    @Test
    void the_days_of_the_national_day_holiday_are_off_and_its_make_up_days_are_working_days() {
        assertFalse(CHINA.isWorkingDay(LocalDate.parse("2026-10-01")), "Thursday, National Day");
        assertFalse(CHINA.isWorkingDay(LocalDate.parse("2026-10-07")), "Wednesday, National Day");
        assertTrue(CHINA.isWorkingDay(LocalDate.parse("2026-10-10")), "Saturday, make-up day");
        assertTrue(CHINA.isWorkingDay(LocalDate.parse("2026-09-20")), "Sunday, make-up day");
        assertFalse(CHINA.isWorkingDay(LocalDate.parse("2026-10-11")), "an ordinary Sunday");
        assertTrue(CHINA.isWorkingDay(LocalDate.parse("2026-10-09")), "an ordinary Friday");
    }

    @Test
    void one_working_day_from_the_eve_of_national_day_is_the_same_time_after_the_holiday() {
        assertDue("2026-10-08T10:00+08:00", CHINA.plus(at("2026-09-30T10:00+08:00"), 1, WORKING_DAYS));
    }

    @Test
    void the_saturday_make_up_day_after_national_day_counts_as_a_working_day() {
        assertDue("2026-10-09T10:00+08:00", CHINA.plus(at("2026-09-30T10:00+08:00"), 2, WORKING_DAYS));
        assertDue("2026-10-10T10:00+08:00", CHINA.plus(at("2026-09-30T10:00+08:00"), 3, WORKING_DAYS));
        assertDue("2026-10-12T10:00+08:00", CHINA.plus(at("2026-09-30T10:00+08:00"), 4, WORKING_DAYS));
    }

    @Test
    void the_sunday_make_up_day_before_mid_autumn_counts_and_the_mid_autumn_friday_does_not() {
        assertDue("2026-09-20T15:00+08:00", CHINA.plus(at("2026-09-18T15:00+08:00"), 1, WORKING_DAYS));
        assertDue("2026-09-21T15:00+08:00", CHINA.plus(at("2026-09-20T15:00+08:00"), 1, WORKING_DAYS));
        assertDue("2026-09-28T09:00+08:00", CHINA.plus(at("2026-09-24T09:00+08:00"), 1, WORKING_DAYS));
    }

    @Test
    void working_days_skip_the_2027_spring_festival_and_count_its_saturday_make_up_day() {
        OffsetDateTime eve = at("2027-02-04T14:00+08:00");
        assertDue("2027-02-15T14:00+08:00", CHINA.plus(eve, 1, WORKING_DAYS));
        assertDue("2027-02-19T14:00+08:00", CHINA.plus(eve, 5, WORKING_DAYS));
        assertDue("2027-02-20T14:00+08:00", CHINA.plus(eve, 6, WORKING_DAYS));
        assertDue("2027-02-22T14:00+08:00", CHINA.plus(eve, 7, WORKING_DAYS));
    }

    @Test
    void working_days_run_from_2026_into_2027_past_the_new_year_holiday() {
        assertDue("2027-01-04T16:00+08:00", CHINA.plus(at("2026-12-31T16:00+08:00"), 1, WORKING_DAYS));
        assertDue("2027-01-05T16:00+08:00", CHINA.plus(at("2026-12-30T16:00+08:00"), 3, WORKING_DAYS));
    }

    @Test
    void a_start_on_a_weekend_counts_whole_working_days_from_the_next_working_day() {
        assertDue("2026-11-24T00:00+08:00", CHINA.plus(at("2026-11-21T10:00+08:00"), 1, WORKING_DAYS));
        assertDue("2026-11-28T00:00+08:00", CHINA.plus(at("2026-11-22T23:59+08:00"), 5, WORKING_DAYS));
    }

    @Test
    void a_start_during_a_holiday_counts_whole_working_days_from_the_first_day_back() {
        assertDue("2026-10-09T00:00+08:00", CHINA.plus(at("2026-10-03T10:00+08:00"), 1, WORKING_DAYS));
        assertDue("2026-10-10T00:00+08:00", CHINA.plus(at("2026-10-01T09:00+08:00"), 2, WORKING_DAYS));
        assertDue("2026-10-11T00:00+08:00", CHINA.plus(at("2026-10-07T18:00+08:00"), 3, WORKING_DAYS));
        assertDue("2027-01-05T00:00+08:00", CHINA.plus(at("2027-01-02T08:00+08:00"), 1, WORKING_DAYS));
    }

    @Test
    void zero_working_days_is_the_start_itself_or_the_start_of_the_next_working_day() {
        assertDue("2026-09-30T10:00+08:00", CHINA.plus(at("2026-09-30T10:00+08:00"), 0, WORKING_DAYS));
        assertDue("2026-10-08T00:00+08:00", CHINA.plus(at("2026-10-03T10:00+08:00"), 0, WORKING_DAYS));
    }

    @Test
    void hours_are_elapsed_time_across_midnight() {
        assertDue("2026-11-21T02:00+08:00", CHINA.plus(at("2026-11-20T22:00+08:00"), 4, HOURS));
    }

    @Test
    void hours_ignore_holidays_and_weekends() {
        assertDue("2026-10-01T20:00+08:00", CHINA.plus(at("2026-09-30T20:00+08:00"), 24, HOURS));
        assertDue("2026-10-03T08:00+08:00", CHINA.plus(at("2026-09-30T08:00+08:00"), 72, HOURS));
    }

    @Test
    void a_year_without_data_falls_back_to_monday_to_friday() {
        assertTrue(CHINA.isWorkingDay(LocalDate.parse("2030-10-01")), "Tuesday 2030-10-01: no 2030 calendar, no holiday");
        assertDue("2030-10-01T10:00+08:00", CHINA.plus(at("2030-09-30T10:00+08:00"), 1, WORKING_DAYS));
        assertDue("2030-10-07T10:00+08:00", CHINA.plus(at("2030-10-04T10:00+08:00"), 1, WORKING_DAYS));
        assertDue("2030-10-08T00:00+08:00", CHINA.plus(at("2030-10-05T10:00+08:00"), 1, WORKING_DAYS));
        assertDue("2030-10-07T10:00+08:00",
                WorkingCalendar.mondayToFriday(SHANGHAI).plus(at("2030-10-04T10:00+08:00"), 1, WORKING_DAYS));
    }

    @Test
    void a_start_in_utc_is_placed_in_shanghai_before_counting() {
        // 2026-09-30T20:00Z is 1 October 04:00 in Shanghai: a holiday, so one whole working day, 8 October
        OffsetDateTime due = CHINA.plus(at("2026-09-30T20:00Z"), 1, WORKING_DAYS);
        assertDue("2026-10-09T00:00+08:00", due);
        assertEquals(at("2026-10-08T16:00Z").toInstant(), due.toInstant());
        // 2026-09-30T01:00Z is 09:00 on the eve in Shanghai: a working day, the same wall-clock time after
        assertDue("2026-10-08T09:00+08:00", CHINA.plus(at("2026-09-30T01:00Z"), 1, WORKING_DAYS));
    }

    @Test
    void due_times_are_in_the_district_zone_offset() {
        assertDue("2026-11-21T02:00+08:00", CHINA.plus(at("2026-11-20T14:00Z"), 4, HOURS));
    }

    @Test
    void a_zone_with_daylight_saving_keeps_the_wall_clock_time_for_working_days_and_elapsed_time_for_hours() {
        WorkingCalendar berlin = WorkingCalendar.mondayToFriday(ZoneId.of("Europe/Berlin"));
        // clocks go forward on Sunday 2026-03-29
        assertDue("2026-03-30T09:00+02:00", berlin.plus(at("2026-03-27T09:00+01:00"), 1, WORKING_DAYS));
        assertDue("2026-03-29T13:00+02:00", berlin.plus(at("2026-03-28T12:00+01:00"), 24, HOURS));
    }

    @Test
    void a_midnight_skipped_by_daylight_saving_is_due_at_the_first_moment_of_that_day() {
        // Sao Paulo skipped 2018-11-04 00:00–01:00; a make-up Saturday before it ends the count
        Map<LocalDate, Boolean> days = Map.of(LocalDate.parse("2018-11-01"), false, LocalDate.parse("2018-11-03"), true);
        WorkingCalendar saoPaulo = WorkingCalendar.of(ZoneId.of("America/Sao_Paulo"), days);
        assertDue("2018-11-04T01:00-02:00", saoPaulo.plus(at("2018-11-01T10:00-03:00"), 2, WORKING_DAYS));
    }

    @Test
    void a_negative_limit_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> CHINA.plus(at("2026-09-30T10:00+08:00"), -1, WORKING_DAYS));
    }
}
