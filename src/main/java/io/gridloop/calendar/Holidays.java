package io.gridloop.calendar;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import io.gridloop.region.Regions;

/**
 * The holiday calendar in PostgreSQL: {@code holiday} holds the marked days, {@code calendar_year}
 * which years a district has a calendar for, with its status and version. Reads join the caller's
 * transaction or run in their own, so they work from anywhere (a dispatch, a health check).
 */
@ApplicationScoped
class Holidays {

    private final EntityManager entityManager;
    private final Regions regions;

    Holidays(EntityManager entityManager, Regions regions) {
        this.entityManager = entityManager;
        this.regions = regions;
    }

    record Year(CalendarStatus status, OffsetDateTime updatedAt, long version) {
    }

    record Day(LocalDate day, boolean working, String name) {
    }

    /** A district as the readiness check names it, with each checked year's status. */
    record District(long id, String name, Map<Integer, CalendarStatus> years) {
    }

    @Transactional
    Optional<Year> year(long districtId, int year) {
        return yearRow(districtId, year, "");
    }

    /** The year's row, locked until the transaction ends, so that replacing a year is one writer at a time. */
    @Transactional(Transactional.TxType.MANDATORY)
    Optional<Year> lockYear(long districtId, int year) {
        return yearRow(districtId, year, " FOR UPDATE");
    }

    @SuppressWarnings("unchecked")
    private Optional<Year> yearRow(long districtId, int year, String lock) {
        List<Tuple> rows = entityManager.createNativeQuery(
                "SELECT status, updated_at, version FROM calendar_year WHERE district_id = ?1 AND year = ?2" + lock, Tuple.class)
                .setParameter(1, districtId).setParameter(2, year)
                .getResultList();
        return rows.stream().findFirst().map(row -> new Year(CalendarStatus.valueOf(row.get("status", String.class)),
                toOffsetDateTime(row.get("updated_at")), row.get("version", Number.class).longValue()));
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<Day> days(long districtId, int year) {
        List<Tuple> rows = daysOf(districtId, year, "SELECT day, working, name", " ORDER BY day").getResultList();
        return rows.stream().map(row -> new Day(toLocalDate(row.get("day")), row.get("working", Boolean.class),
                row.get("name", String.class))).toList();
    }

    /** The marked days of a year, day → working: what {@link WorkingCalendar} needs. */
    @Transactional
    @SuppressWarnings("unchecked")
    Map<LocalDate, Boolean> specialDays(long districtId, int year) {
        List<Tuple> rows = daysOf(districtId, year, "SELECT day, working", "").getResultList();
        Map<LocalDate, Boolean> days = new HashMap<>();
        rows.forEach(row -> days.put(toLocalDate(row.get("day")), row.get("working", Boolean.class)));
        return Map.copyOf(days);
    }

    /** A range on the primary key (district_id, day): an index scan of at most 366 rows. */
    private Query daysOf(long districtId, int year, String verb, String order) {
        return entityManager.createNativeQuery(verb
                + " FROM holiday WHERE district_id = ?1 AND day >= ?2 AND day < ?3" + order, Tuple.class)
                .setParameter(1, districtId)
                .setParameter(2, LocalDate.of(year, 1, 1))
                .setParameter(3, LocalDate.of(year + 1, 1, 1));
    }

    /**
     * Writes the year's row if it still has the version the caller read (0: no row): false when
     * another writer got there first.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean writeYear(long districtId, int year, CalendarStatus status, OffsetDateTime now, long expectedVersion) {
        Query write = expectedVersion == 0
                ? entityManager.createNativeQuery("""
                        INSERT INTO calendar_year (district_id, year, status, updated_at, version)
                        VALUES (?1, ?2, ?3, ?4, 1) ON CONFLICT DO NOTHING""")
                : entityManager.createNativeQuery("""
                        UPDATE calendar_year SET status = ?3, updated_at = ?4, version = version + 1
                        WHERE district_id = ?1 AND year = ?2 AND version = ?5""")
                        .setParameter(5, expectedVersion);
        return write.setParameter(1, districtId).setParameter(2, year).setParameter(3, status.name())
                .setParameter(4, now).executeUpdate() == 1;
    }

    /** Replaces every marked day of the year with these, in one batch. */
    @Transactional(Transactional.TxType.MANDATORY)
    void replaceDays(long districtId, int year, List<Day> days) {
        daysOf(districtId, year, "DELETE", "").executeUpdate();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO holiday (district_id, day, working, name) VALUES (?, ?, ?, ?)")) {
                for (Day day : days) {
                    insert.setLong(1, districtId);
                    insert.setDate(2, Date.valueOf(day.day()));
                    insert.setBoolean(3, day.working());
                    insert.setString(4, day.name());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** Every district, with the status of its calendar in each year from {@code from} to {@code to} (NONE: no calendar). */
    @Transactional
    List<District> districts(int from, int to) {
        @SuppressWarnings("unchecked")
        List<Tuple> years = entityManager.createNativeQuery(
                "SELECT district_id, year, status FROM calendar_year WHERE year BETWEEN ?1 AND ?2", Tuple.class)
                .setParameter(1, from).setParameter(2, to).getResultList();
        Map<Long, Map<Integer, CalendarStatus>> statuses = new LinkedHashMap<>();
        for (Tuple year : years) {
            statuses.computeIfAbsent(year.get("district_id", Long.class), key -> new LinkedHashMap<>())
                    .put(year.get("year", Integer.class), CalendarStatus.valueOf(year.get("status", String.class)));
        }
        return regions.districts().stream().map(district -> {
            Map<Integer, CalendarStatus> known = statuses.getOrDefault(district.id(), Map.of());
            Map<Integer, CalendarStatus> all = new LinkedHashMap<>();
            for (int year = from; year <= to; year++) {
                all.put(year, known.getOrDefault(year, CalendarStatus.NONE));
            }
            return new District(district.id(), district.name(), all);
        }).toList();
    }

    private static LocalDate toLocalDate(Object value) {
        return value instanceof Date date ? date.toLocalDate() : (LocalDate) value;
    }

    private static OffsetDateTime toOffsetDateTime(Object value) {
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        return (OffsetDateTime) value;
    }
}
