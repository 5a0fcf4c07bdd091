package io.gridloop.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.gridloop.shared.ImportCounts;
import io.gridloop.shared.sql.Jdbc;

/**
 * Writes a district's holiday calendar from an import file. A year is written only when the district
 * has no calendar for it yet: once a year is there (from an earlier import or replaced through the
 * API, which checks its version), importing again must not add days back into it or take them out.
 */
@ApplicationScoped
public class CalendarImport {

    /** A year to import with its marked days: holidays, and make-up working days (调休) when {@code working}. */
    public record ImportedYear(int year, CalendarStatus status, List<Day> days) {
    }

    public record Day(LocalDate day, boolean working, String name) {
    }

    private final Jdbc jdbc;
    private final Event<HolidaysReplaced> replaced;

    CalendarImport(Jdbc jdbc, Event<HolidaysReplaced> replaced) {
        this.jdbc = jdbc;
        this.replaced = replaced;
    }

    /** Records each year the district has no calendar for, with its days; years it has are counted unchanged. */
    @Transactional(TxType.MANDATORY)
    public ImportCounts imported(long districtId, List<ImportedYear> years) {
        List<Integer> created = jdbc.rows("""
                INSERT INTO calendar_year (district_id, year, status)
                SELECT ?, v.year, v.status FROM unnest(?::integer[], ?::text[]) AS v (year, status)
                ON CONFLICT DO NOTHING RETURNING year""", row -> row.getInt(1), districtId,
                years.stream().map(ImportedYear::year).toArray(Integer[]::new),
                years.stream().map(y -> y.status().name()).toArray(String[]::new));
        List<String> days = new ArrayList<>();
        List<Boolean> working = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ImportedYear year : years) {
            if (created.contains(year.year())) {
                for (Day day : year.days()) {
                    days.add(day.day().toString());
                    working.add(day.working());
                    names.add(day.name());
                }
            }
        }
        jdbc.update("""
                INSERT INTO holiday (district_id, day, working, name)
                SELECT ?, CAST(v.day AS date), v.working, v.name FROM unnest(?::text[], ?::boolean[], ?::text[]) AS v (day, working, name)""",
                districtId, days.toArray(String[]::new), working.toArray(Boolean[]::new), names.toArray(String[]::new));
        created.forEach(year -> replaced.fire(new HolidaysReplaced(districtId, year)));
        return ImportCounts.of(years.size(), created.size(), 0);
    }
}
