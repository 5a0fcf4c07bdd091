package io.gridloop.calendar;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import io.gridloop.calendar.HolidayViews.HolidayDay;
import io.gridloop.calendar.HolidayViews.ReplaceYear;
import io.gridloop.calendar.HolidayViews.YearView;
import io.gridloop.shared.problem.Problem;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.web.ReadOnlyFields;
import io.gridloop.shared.web.Versions;

/** The caller's district's calendar, a year at a time: read by everyone signed in, replaced by the district admin. */
@ApplicationScoped
class HolidayService {

    private final Caller caller;
    private final Holidays holidays;
    private final Clock clock;
    private final Event<HolidaysReplaced> replaced;

    HolidayService(Caller caller, Holidays holidays, Clock clock, Event<HolidaysReplaced> replaced) {
        this.caller = caller;
        this.holidays = holidays;
        this.clock = clock;
        this.replaced = replaced;
    }

    @Transactional
    YearView read(int year) {
        long districtId = caller.districtId();
        return view(year, holidays.year(districtId, year), holidays.days(districtId, year));
    }

    /**
     * Replaces the whole year: its status and every marked day. The year's version settles races:
     * the row is locked while it is checked against If-Match, and a first publication that loses to
     * another inserts nothing and answers 412.
     */
    @Transactional
    YearView replace(int year, String ifMatch, ReplaceYear request) {
        List<Holidays.Day> days = checked(year, request);
        CalendarStatus status = request.status() == null ? CalendarStatus.PUBLISHED : request.status();
        long districtId = caller.districtId();
        Optional<Holidays.Year> held = holidays.lockYear(districtId, year);
        long current = held.map(Holidays.Year::version).orElse(0L);
        Versions.requireMatch(ifMatch, current);
        ReadOnlyFields.unchanged("year", request.year(), year);
        ReadOnlyFields.unchanged("fallback", request.fallback(), held.isEmpty());
        ReadOnlyFields.unchanged("updatedAt", request.updatedAt(), held.map(Holidays.Year::updatedAt).orElse(null));
        ReadOnlyFields.unchanged("version", request.version(), current);
        if (!holidays.writeYear(districtId, year, status, OffsetDateTime.now(clock), current)) {
            long now = holidays.year(districtId, year).map(Holidays.Year::version).orElse(0L);
            throw new ProblemException(ProblemType.PRECONDITION_FAILED, "precondition-failed.detail", Versions.etag(now));
        }
        holidays.replaceDays(districtId, year, days);
        replaced.fire(new HolidaysReplaced(districtId, year));
        return view(year, holidays.year(districtId, year), holidays.days(districtId, year));
    }

    /** The rules bean validation cannot express; every broken one is reported, by the field's index. */
    private static List<Holidays.Day> checked(int year, ReplaceYear request) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (request.status() == CalendarStatus.NONE) {
            violations.add(new Problem.Violation("status", "calendar.status-none"));
        }
        Set<LocalDate> seen = new HashSet<>();
        List<Holidays.Day> days = new ArrayList<>();
        for (int i = 0; i < request.days().size(); i++) {
            HolidayDay day = request.days().get(i);
            String field = "days[" + i + "]";
            if (day.day().getYear() != year) {
                violations.add(new Problem.Violation(field + ".day", "calendar.day-outside-year"));
            } else if (!seen.add(day.day())) {
                violations.add(new Problem.Violation(field + ".day", "calendar.day-duplicate"));
            }
            if (day.working() && !isWeekend(day.day())) {
                violations.add(new Problem.Violation(field + ".working", "calendar.make-up-on-weekday"));
            }
            days.add(new Holidays.Day(day.day(), day.working(), day.name().strip()));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return days;
    }

    private static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private static YearView view(int year, Optional<Holidays.Year> row, List<Holidays.Day> days) {
        return row.map(r -> new YearView(year, r.status(), false, r.updatedAt(), r.version(),
                days.stream().map(d -> new HolidayDay(d.day(), d.working(), d.name())).toList()))
                .orElseGet(() -> new YearView(year, CalendarStatus.NONE, true, null, 0, List.of()));
    }
}
