package io.gridloop.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

import io.gridloop.catalog.LimitUnit;

/**
 * A district's working days and the deadline arithmetic over them (SPEC §1.7). Plain Java: no
 * database, no container.
 *
 * <p><b>Which days are working days.</b> In the district's time zone, a day is a working day when the
 * calendar marks it as a make-up working day (调休, {@code working = true}), or when it is Monday to
 * Friday and the calendar does not mark it as a public holiday ({@code working = false}). A year the
 * calendar holds nothing for is plain Monday to Friday.
 *
 * <p><b>Adding a limit to a start time.</b> The start is first placed in the district's zone, so
 * 2026-09-30T20:00Z is 1 October, 04:00 in Shanghai.
 * <ul>
 * <li>{@link LimitUnit#HOURS}: elapsed time, start + N hours. Nights, weekends and holidays count.</li>
 * <li>{@link LimitUnit#WORKING_DAYS}, start on a working day: the same wall-clock time on the Nth
 * working day after the start day. Tuesday 15:00 + 1 is Wednesday 15:00; Friday 15:00 + 1 is Monday
 * 15:00 (or the next working day after it).</li>
 * <li>{@link LimitUnit#WORKING_DAYS}, start on a day off (weekend or holiday): counting starts at 00:00
 * of the next working day, and the limit is N whole working days from there: due at 00:00 of the day
 * after the Nth working day. Saturday 10:00 + 1 is Tuesday 00:00 (all of Monday); a start during the
 * National Day holiday + 1 is 00:00 after the first working day that follows it.</li>
 * </ul>
 * Due times are given in the district's zone offset. Wall-clock times that a DST change skips move
 * forward by the length of the gap, as {@link ZonedDateTime} does; zones without DST (Asia/Shanghai)
 * never meet that case.
 */
public final class WorkingCalendar {

    /** A calendar that marks every day of years on end as a holiday is broken; say so instead of looping. */
    private static final int MAX_YEARS_OFF = 5;

    private final ZoneId zone;
    private final IntFunction<Map<LocalDate, Boolean>> specialDaysOfYear;

    /**
     * @param zone              the district's time zone
     * @param specialDaysOfYear for a year, its marked days: day → working (false: a public holiday, true:
     *                          a make-up working day); an empty map for a year without a calendar
     */
    public WorkingCalendar(ZoneId zone, IntFunction<Map<LocalDate, Boolean>> specialDaysOfYear) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.specialDaysOfYear = Objects.requireNonNull(specialDaysOfYear, "specialDaysOfYear");
    }

    /** A calendar over a fixed set of marked days (day → working), of any number of years. */
    public static WorkingCalendar of(ZoneId zone, Map<LocalDate, Boolean> specialDays) {
        Map<Integer, Map<LocalDate, Boolean>> byYear = new HashMap<>();
        specialDays.forEach((day, working) -> byYear.computeIfAbsent(day.getYear(), y -> new HashMap<>()).put(day, working));
        return new WorkingCalendar(zone, year -> byYear.getOrDefault(year, Map.of()));
    }

    /** Monday to Friday, no holidays: what a district without any calendar gets. */
    public static WorkingCalendar mondayToFriday(ZoneId zone) {
        return new WorkingCalendar(zone, year -> Map.of());
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isWorkingDay(LocalDate day) {
        Boolean marked = specialDaysOfYear.apply(day.getYear()).get(day);
        if (marked != null) {
            return marked;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The due time of a limit of {@code amount} units that starts at {@code start}; see the class comment. */
    public OffsetDateTime plus(OffsetDateTime start, int amount, LimitUnit unit) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(unit, "unit");
        if (amount < 0) {
            throw new IllegalArgumentException("A time limit cannot be negative: " + amount);
        }
        ZonedDateTime local = start.atZoneSameInstant(zone);
        return switch (unit) {
            case HOURS -> local.plus(Duration.ofHours(amount)).toOffsetDateTime();
            case WORKING_DAYS -> plusWorkingDays(local, amount).toOffsetDateTime();
        };
    }

    private ZonedDateTime plusWorkingDays(ZonedDateTime start, int amount) {
        LocalDate day = start.toLocalDate();
        if (isWorkingDay(day)) {
            for (int counted = 0; counted < amount; counted++) {
                day = nextWorkingDay(day);
            }
            return ZonedDateTime.of(day, start.toLocalTime(), zone);
        }
        LocalDate first = nextWorkingDay(day);
        if (amount == 0) {
            return first.atStartOfDay(zone);
        }
        LocalDate last = first;
        for (int counted = 1; counted < amount; counted++) {
            last = nextWorkingDay(last);
        }
        return last.plusDays(1).atStartOfDay(zone);
    }

    private LocalDate nextWorkingDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (!isWorkingDay(next)) {
            next = next.plusDays(1);
            if (next.isAfter(day.plusYears(MAX_YEARS_OFF))) {
                throw new IllegalStateException("No working day in the " + MAX_YEARS_OFF + " years after " + day);
            }
        }
        return next;
    }
}
