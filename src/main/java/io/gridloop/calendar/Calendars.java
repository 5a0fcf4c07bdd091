package io.gridloop.calendar;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import com.github.benmanes.caffeine.cache.Cache;

import io.gridloop.catalog.LimitUnit;
import io.gridloop.shared.cache.Caches;
import io.gridloop.shared.time.DistrictConfig;

/**
 * The districts' working-day calendars, for every feature that computes a deadline: a dispatch's
 * response and resolution due times, an extension, an overdue scan.
 *
 * <p>Each (district, year) is read from PostgreSQL once and kept for {@code gridloop.calendar.cache-ttl}
 * (default one minute, measured on the injected clock), so a deadline on a warm cache runs no query,
 * and an hours limit never reads the calendar at all. A replace on this instance drops its years at once, after the commit; other
 * instances on the same database see it when their copy expires. A time-to-live rather than a version
 * check: checking a version would cost a query per deadline, and a calendar changes a few times a year,
 * normally weeks before the days it changes, so a minute of staleness on another instance costs nothing.
 */
@ApplicationScoped
public class Calendars {

    /** (district, year) pairs kept at most; past it the least used go first. */
    private static final int MAX_ENTRIES = 10_000;

    private final Holidays holidays;
    private final ZoneId zone;
    private final Cache<YearKey, Map<LocalDate, Boolean>> cache;
    /** Bumped by every invalidation: a read that was under way when it happened is not cached. */
    private final AtomicLong generation = new AtomicLong();

    Calendars(Holidays holidays, DistrictConfig district, CalendarConfig config, Clock clock) {
        this.holidays = holidays;
        this.zone = district.zone();
        this.cache = Caches.bounded(MAX_ENTRIES, clock).expireAfterWrite(config.cacheTtl()).build();
    }

    /**
     * When a limit of {@code amount} {@code unit}s that starts at {@code start} falls due in the
     * district: calendar hours, or working days by the district's holiday calendar (the rule is on
     * {@link WorkingCalendar}). The due time is in the district's zone offset.
     */
    public OffsetDateTime due(long districtId, OffsetDateTime start, int amount, LimitUnit unit) {
        return of(districtId).plus(start, amount, unit);
    }

    /** The district's calendar, reading each year the first time it is needed. */
    public WorkingCalendar of(long districtId) {
        return new WorkingCalendar(zone, year -> specialDays(districtId, year));
    }

    /** The district's time zone ({@code gridloop.district.zone}). */
    public ZoneId zone() {
        return zone;
    }

    void replaced(@Observes(during = TransactionPhase.AFTER_SUCCESS) HolidaysReplaced replaced) {
        generation.incrementAndGet();
        cache.invalidate(new YearKey(replaced.districtId(), replaced.year()));
    }

    private Map<LocalDate, Boolean> specialDays(long districtId, int year) {
        YearKey key = new YearKey(districtId, year);
        Map<LocalDate, Boolean> cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        Map<LocalDate, Boolean> days = holidays.specialDays(districtId, year);
        if (generation.get() == before) {
            cache.put(key, days);
        }
        return days;
    }

    private record YearKey(long districtId, int year) {
    }
}
