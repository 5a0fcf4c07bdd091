package io.gridloop.metrics;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import io.gridloop.shared.problem.ProblemException;

/**
 * The days {@code from} to {@code to}, both included, in the district's zone: from 00:00 of the first
 * to 00:00 of the day after the last, so a ticket at 23:59:59 on the 31st (Asia/Shanghai) is in January
 * and one a second later in February.
 */
record Period(LocalDate from, LocalDate to, ZoneId zone) {

    /** Parses and checks the dates of a request: 400 naming the field for a bad date, a reversed or too long period. */
    static Period of(String from, String to, ZoneId zone, int maxDays) {
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (last.isBefore(first)) {
            throw ProblemException.invalidField("to", "field.period-reversed");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > maxDays) {
            throw ProblemException.invalidField("to", "field.period-too-long");
        }
        return new Period(first, last, zone);
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeException e) {
            throw ProblemException.invalidField(field, "field.date-invalid");
        }
    }

    OffsetDateTime start() {
        return from.atStartOfDay(zone).toOffsetDateTime();
    }

    OffsetDateTime end() {
        return to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
    }

    /** Whole months: from the first day of {@code first} to the day before {@code end}; none when they are equal. */
    record Months(LocalDate first, LocalDate end) {
    }

    /** The whole months inside the period (the day after it twice when there is none). */
    Months wholeMonths() {
        LocalDate first = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate end = to.plusDays(1).withDayOfMonth(1);
        return first.isBefore(end) ? new Months(first, end) : new Months(to.plusDays(1), to.plusDays(1));
    }

    /** A series' step: each point covers a day, an ISO week (from Monday) or a month, cut to the period. */
    enum Interval {
        DAY, WEEK, MONTH;

        static Interval of(String name) {
            return name == null ? null : valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }

        /** The first day of the step holding {@code day}; SQL's {@code date_trunc} with {@link #sqlUnit()} agrees. */
        LocalDate startOf(LocalDate day) {
            return switch (this) {
                case DAY -> day;
                case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTH -> day.withDayOfMonth(1);
            };
        }

        String sqlUnit() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        private LocalDate next(LocalDate start) {
            return switch (this) {
                case DAY -> start.plusDays(1);
                case WEEK -> start.plusWeeks(1);
                case MONTH -> start.plusMonths(1);
            };
        }
    }

    /** The points of a series over this period, each a period of its own; 400 past {@code maxPoints}. */
    List<Period> steps(Interval interval, int maxPoints) {
        List<Period> steps = new ArrayList<>();
        for (LocalDate start = interval.startOf(from); !start.isAfter(to); start = interval.next(start)) {
            if (steps.size() == maxPoints) {
                throw ProblemException.invalidField("interval", "field.series-too-long");
            }
            LocalDate last = interval.next(start).minusDays(1);
            steps.add(new Period(start.isBefore(from) ? from : start, last.isAfter(to) ? to : last, zone));
        }
        return steps;
    }
}
