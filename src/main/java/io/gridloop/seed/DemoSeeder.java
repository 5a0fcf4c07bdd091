package io.gridloop.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.gridloop.integration.ApiKeys;
import io.gridloop.seed.SeedFiles.AccountSeed;
import io.gridloop.seed.SeedFiles.CategorySeed;
import io.gridloop.seed.SeedFiles.CommunitySeed;
import io.gridloop.seed.SeedFiles.GridSeed;
import io.gridloop.seed.SeedFiles.HolidaySeed;
import io.gridloop.seed.SeedFiles.RoleSeed;
import io.gridloop.seed.SeedFiles.StreetSeed;
import io.gridloop.seed.SeedFiles.UnitSeed;
import io.gridloop.seed.SeedFiles.YearSeed;
import io.quarkus.runtime.StartupEvent;

/**
 * Loads the demo district from seeds/ at start in the dev, demo and test profiles. Everything is
 * looked up by its natural key first, so loading again adds nothing; an advisory lock keeps two
 * instances starting together from loading at once.
 */
@ApplicationScoped
public class DemoSeeder {

    private static final Logger LOG = Logger.getLogger(DemoSeeder.class);
    private static final String DEMO_PASSWORD = "gridloop";
    private static final long LOCK = 0x67726964L;

    private final EntityManager entityManager;
    private final boolean enabled;
    private String demoPasswordHash;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final int httpPort;
    private final int bcryptCost;

    DemoSeeder(EntityManager entityManager, @ConfigProperty(name = "gridloop.seed.enabled") boolean enabled,
            @ConfigProperty(name = "quarkus.http.port") int httpPort,
            @ConfigProperty(name = "gridloop.auth.bcrypt-cost", defaultValue = "10") int bcryptCost) {
        this.entityManager = entityManager;
        this.enabled = enabled;
        this.httpPort = httpPort;
        this.bcryptCost = bcryptCost;
    }

    void onStart(@Observes StartupEvent start) {
        if (enabled) {
            List<String> accounts = load();
            LOG.infof("""
                    gridloop demo is up
                      API:          http://localhost:%1$d/api/v1
                      Swagger UI:   http://localhost:%1$d/q/swagger-ui
                      OpenAPI:      http://localhost:%1$d/q/openapi
                      Demo accounts (password '%2$s'): %3$s
                      Open311 API key: demo-open311-key""", httpPort, DEMO_PASSWORD, String.join(", ", accounts));
        }
    }

    /** Loads what is missing and returns the demo usernames. */
    @Transactional
    public List<String> load() {
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, LOCK).getSingleResult();
        SeedFiles.District district = read("seeds/demo-district.yaml", SeedFiles.District.class);
        long districtId = region(null, null, "DISTRICT", district.district(), null, null, null);
        Map<String, Long> units = new HashMap<>();
        for (UnitSeed unit : district.units()) {
            units.put(unit.key(), unit(districtId, unit));
        }
        Map<String, Long> regions = new HashMap<>();
        regions.put("district", districtId);
        for (StreetSeed street : district.streets()) {
            long streetId = region(districtId, districtId, "STREET", street.name(), null, null, null);
            for (CommunitySeed community : street.communities()) {
                long communityId = region(districtId, streetId, "COMMUNITY", community.name(), null, null, null);
                regions.put(community.key(), communityId);
                for (GridSeed grid : community.grids()) {
                    regions.put(grid.key(), region(districtId, communityId, "GRID", grid.name(), grid.sizeClass(),
                            grid.boundary() == null ? null : json(SeedFiles.polygon(grid.boundary())),
                            grid.contactUnit() == null ? null : units.get(grid.contactUnit())));
                }
            }
        }
        for (AccountSeed account : district.accounts()) {
            account(districtId, account, regions, units);
        }
        for (SeedFiles.ApiKeySeed key : district.apiKeys()) {
            update("""
                    INSERT INTO api_key (id, district_id, region_id, name, key_hash, key_prefix)
                    VALUES (nextval('api_key_seq'), ?1, ?2, ?3, ?4, ?5) ON CONFLICT (key_hash) DO NOTHING""",
                    districtId, regions.get(key.region()), key.name(), ApiKeys.hash(key.key()), ApiKeys.prefix(key.key()));
        }
        for (CategorySeed category : read("seeds/categories.yaml", SeedFiles.Catalogue.class).categories()) {
            update("""
                    INSERT INTO category (id, district_id, code, name_zh, name_en, group_name, default_matter_class,
                        response_limit, response_limit_unit, resolution_limit, resolution_limit_unit, verification_required)
                    VALUES (nextval('category_seq'), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                    ON CONFLICT (district_id, code) DO NOTHING""",
                    districtId, category.code(), category.nameZh(), category.nameEn(), category.group(),
                    category.defaultMatterClass(), category.responseLimit().value(), category.responseLimit().unit(),
                    category.resolutionLimit().value(), category.resolutionLimit().unit(), category.verificationRequired());
        }
        calendar(districtId, read("seeds/holidays.yaml", SeedFiles.Calendar.class));
        LOG.infof("Demo district %s (id %d) is loaded", district.district(), districtId);
        return district.accounts().stream().map(AccountSeed::username).toList();
    }

    /**
     * Each year is loaded only when the district has no calendar for it yet: once an administrator has
     * replaced a year through the API, the seeds must not add their days back into it.
     */
    private void calendar(long districtId, SeedFiles.Calendar calendar) {
        Set<Integer> newYears = new HashSet<>();
        for (YearSeed year : calendar.years()) {
            if (update("INSERT INTO calendar_year (district_id, year, status) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                    districtId, year.year(), year.status()) == 1) {
                newYears.add(year.year());
            }
        }
        Set<Integer> listed = calendar.years().stream().map(YearSeed::year).collect(Collectors.toSet());
        for (HolidaySeed holiday : calendar.holidays()) {
            var last = holiday.to() == null ? holiday.from() : holiday.to();
            for (var day = holiday.from(); !day.isAfter(last); day = day.plusDays(1)) {
                if (!listed.contains(day.getYear())) {
                    throw new IllegalStateException("seeds/holidays.yaml: " + day + " is in a year that `years` does not list");
                }
                if (newYears.contains(day.getYear())) {
                    update("INSERT INTO holiday (district_id, day, working, name) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                            districtId, day, holiday.working(), holiday.name());
                }
            }
        }
    }

    private long region(Long districtId, Long parentId, String type, String name, String sizeClass, String boundary,
            Long contactUnitId) {
        Query existing = entityManager.createNativeQuery("SELECT id FROM region WHERE "
                + (parentId == null ? "parent_id IS NULL AND name = ?1" : "parent_id = ?2 AND name = ?1"))
                .setParameter(1, name);
        if (parentId != null) {
            existing.setParameter(2, parentId);
        }
        List<?> found = existing.getResultList();
        if (!found.isEmpty()) {
            return ((Number) found.get(0)).longValue();
        }
        long id = ((Number) entityManager.createNativeQuery("SELECT nextval('region_seq')").getSingleResult()).longValue();
        update("""
                INSERT INTO region (id, district_id, parent_id, type, name, path, size_class, boundary, contact_unit_id)
                VALUES (?1, ?2, ?3, ?4, ?5, '', ?6, CAST(?7 AS jsonb), ?8)""",
                id, districtId == null ? id : districtId, parentId, type, name, sizeClass, boundary,
                contactUnitId);
        return id;
    }

    private long unit(long districtId, UnitSeed unit) {
        update("""
                INSERT INTO unit (id, district_id, name, contact_name, phone) VALUES (nextval('unit_seq'), ?1, ?2, ?3, ?4)
                ON CONFLICT (district_id, name) DO NOTHING""", districtId, unit.name(), unit.contactName(), unit.phone());
        return ((Number) entityManager.createNativeQuery("SELECT id FROM unit WHERE district_id = ?1 AND name = ?2")
                .setParameter(1, districtId).setParameter(2, unit.name()).getSingleResult()).longValue();
    }

    private void account(long districtId, AccountSeed account, Map<String, Long> regions, Map<String, Long> units) {
        List<?> found = entityManager.createNativeQuery("SELECT id FROM account WHERE lower(username) = lower(?1)")
                .setParameter(1, account.username()).getResultList();
        if (!found.isEmpty()) {
            return;
        }
        long id = ((Number) entityManager.createNativeQuery("SELECT nextval('account_seq')").getSingleResult()).longValue();
        update("INSERT INTO account (id, district_id, username, password_hash, name, phone) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                id, districtId, account.username(), demoPasswordHash(), account.name(), account.phone());
        for (RoleSeed role : account.roles()) {
            update("""
                    INSERT INTO role_binding (id, account_id, district_id, role, region_id, unit_id)
                    VALUES (nextval('role_binding_seq'), ?1, ?2, ?3, ?4, ?5)""",
                    id, districtId, role.role(), role.region() == null ? null : regions.get(role.region()),
                    role.unit() == null ? null : units.get(role.unit()));
        }
    }

    /**
     * Hashed only when an account is actually created: bcrypt is slow on purpose, and restarts create none.
     * At the cost account/Passwords uses, since every sign-in as a demo account checks this hash at its cost.
     */
    private String demoPasswordHash() {
        if (demoPasswordHash == null) {
            demoPasswordHash = BCrypt.withDefaults().hashToString(bcryptCost, DEMO_PASSWORD.toCharArray());
        }
        return demoPasswordHash;
    }

    private int update(String sql, Object... parameters) {
        Query query = entityManager.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query.executeUpdate();
    }

    private <T> T read(String resource, Class<T> type) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Seed file " + resource + " is not on the class path");
            }
            return yaml.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Seed file " + resource + " cannot be read", e);
        }
    }

    private String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
