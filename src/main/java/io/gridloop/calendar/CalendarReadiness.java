package io.gridloop.calendar;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.gridloop.shared.time.DistrictConfig;

/**
 * Which districts lack a calendar for this year or the next, so that working-day limits there count
 * plain Monday to Friday. Always UP: a missing calendar degrades deadlines, it does not stop the
 * service, and a pod taken out of rotation would help no one. Operators read the details:
 * {@code years} (the years checked, in the district's zone), {@code fallback.<districtId>} (years with
 * no calendar) and {@code provisional.<districtId>} (years with a provisional one); only districts that
 * need attention appear.
 */
@Readiness
@ApplicationScoped
class CalendarReadiness implements HealthCheck {

    static final String NAME = "Holiday calendars";
    private static final Logger LOG = Logger.getLogger(CalendarReadiness.class);

    private final Holidays holidays;
    private final Clock clock;
    private final ZoneId zone;

    CalendarReadiness(Holidays holidays, Clock clock,
            DistrictConfig district) {
        this.holidays = holidays;
        this.clock = clock;
        this.zone = district.zone();
    }

    @Override
    public HealthCheckResponse call() {
        return report(clock.instant());
    }

    HealthCheckResponse report(Instant now) {
        int year = now.atZone(zone).getYear();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up().withData("years", year + "," + (year + 1));
        List<Holidays.District> districts;
        try {
            districts = holidays.districts(year, year + 1);
        } catch (RuntimeException e) {
            // the database check reports an unreachable database; this one only says it could not look
            LOG.debugf(e, "Holiday calendars could not be read");
            return response.withData("error", "the calendars could not be read").build();
        }
        for (Holidays.District district : districts) {
            withYears(response, "fallback." + district.id(), district.years(), CalendarStatus.NONE);
            withYears(response, "provisional." + district.id(), district.years(), CalendarStatus.PROVISIONAL);
        }
        return response.build();
    }

    private static void withYears(HealthCheckResponseBuilder response, String key, Map<Integer, CalendarStatus> years,
            CalendarStatus status) {
        String matching = years.entrySet().stream().filter(e -> e.getValue() == status)
                .map(e -> e.getKey().toString()).collect(Collectors.joining(","));
        if (!matching.isEmpty()) {
            response.withData(key, matching);
        }
    }
}
