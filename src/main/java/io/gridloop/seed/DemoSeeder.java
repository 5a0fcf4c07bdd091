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
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.gridloop.account.Accounts;
import io.gridloop.calendar.CalendarImport;
import io.gridloop.calendar.CalendarStatus;
import io.gridloop.catalog.Catalog;
import io.gridloop.catalog.LimitUnit;
import io.gridloop.catalog.MatterClass;
import io.gridloop.integration.ApiKeyDirectory;
import io.gridloop.region.RegionImport;
import io.gridloop.region.RegionType;
import io.gridloop.region.SizeClass;
import io.gridloop.seed.SeedFiles.AccountSeed;
import io.gridloop.seed.SeedFiles.CategorySeed;
import io.gridloop.seed.SeedFiles.CommunitySeed;
import io.gridloop.seed.SeedFiles.GridSeed;
import io.gridloop.seed.SeedFiles.HolidaySeed;
import io.gridloop.seed.SeedFiles.StreetSeed;
import io.gridloop.seed.SeedFiles.UnitSeed;
import io.gridloop.seed.SeedFiles.YearSeed;
import io.gridloop.shared.security.Role;
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
    private final RegionImport regions;
    private final Accounts accounts;
    private final ApiKeyDirectory apiKeys;
    private final Catalog catalog;
    private final CalendarImport calendars;
    private final boolean enabled;
    private String demoPasswordHash;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final int httpPort;
    private final String httpHost;
    private final int managementPort;
    /** Where Swagger UI and the OpenAPI document are: the management interface in the packaged jar, else the API's port. */
    private int toolsPort;

    DemoSeeder(EntityManager entityManager, RegionImport regions, Accounts accounts, ApiKeyDirectory apiKeys, Catalog catalog,
            CalendarImport calendars, SeedConfig config, @ConfigProperty(name = "quarkus.http.port") int httpPort,
            @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0") String httpHost,
            @ConfigProperty(name = "quarkus.management.port", defaultValue = "9000") int managementPort) {
        this.entityManager = entityManager;
        this.regions = regions;
        this.accounts = accounts;
        this.apiKeys = apiKeys;
        this.catalog = catalog;
        this.calendars = calendars;
        this.enabled = config.enabled();
        this.httpPort = httpPort;
        this.httpHost = httpHost;
        this.managementPort = managementPort;
        this.toolsPort = httpPort;
    }

    /** Fired, before the start, only when the build turned the management interface on (the packaged jar). */
    void onManagementInterface(@Observes io.quarkus.vertx.http.ManagementInterface management) {
        toolsPort = managementPort;
    }

    void onStart(@Observes StartupEvent start) {
        if (enabled) {
            List<String> usernames = load();
            LOG.infof("""
                    gridloop demo is up
                      API:          http://localhost:%1$d/api/v1
                      Swagger UI:   http://localhost:%5$d/q/swagger-ui
                      OpenAPI:      http://localhost:%5$d/q/openapi
                      Demo accounts (password '%2$s'): %3$s
                      Open311 API key: demo-open311-key
                      %4$s""", httpPort, DEMO_PASSWORD, String.join(", ", usernames), reach(), toolsPort);
        }
    }

    /** Anyone who reaches the port can sign in with the demo's public passwords: say who can. */
    String reach() {
        boolean local = httpHost.equals("127.0.0.1") || httpHost.equals("localhost") || httpHost.equals("::1");
        return local ? "Listening on " + httpHost + " only; QUARKUS_HTTP_HOST=0.0.0.0 opens it to other machines"
                : "Listening on " + httpHost + ": every machine that reaches this port can sign in with the demo passwords";
    }

    /** Loads what is missing and returns the demo usernames. */
    @Transactional
    public List<String> load() {
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, LOCK).getSingleResult();
        SeedFiles.District district = read("seeds/demo-district.yaml", SeedFiles.District.class);
        long districtId = regions.region(null, RegionType.DISTRICT, district.district(), null, null, null);
        Map<String, Long> units = new HashMap<>();
        for (UnitSeed unit : district.units()) {
            units.put(unit.key(), regions.unit(districtId, unit.name(), unit.contactName(), unit.phone()));
        }
        Map<String, Long> regionIds = new HashMap<>();
        regionIds.put("district", districtId);
        for (StreetSeed street : district.streets()) {
            long streetId = regions.region(districtId, RegionType.STREET, street.name(), null, null, null);
            for (CommunitySeed community : street.communities()) {
                long communityId = regions.region(streetId, RegionType.COMMUNITY, community.name(), null, null, null);
                regionIds.put(community.key(), communityId);
                for (GridSeed grid : community.grids()) {
                    regionIds.put(grid.key(), regions.region(communityId, RegionType.GRID, grid.name(),
                            SizeClass.valueOf(grid.sizeClass()),
                            grid.boundary() == null ? null : json(SeedFiles.polygon(grid.boundary())),
                            grid.contactUnit() == null ? null : units.get(grid.contactUnit())));
                }
            }
        }
        for (AccountSeed account : district.accounts()) {
            accounts.imported(districtId, account.username(), demoPasswordHash(), account.name(), account.phone(),
                    account.roles().stream().map(role -> new Accounts.ImportedRole(Role.valueOf(role.role()),
                            role.region() == null ? null : regionIds.get(role.region()),
                            role.unit() == null ? null : units.get(role.unit()))).toList());
        }
        for (SeedFiles.ApiKeySeed key : district.apiKeys()) {
            apiKeys.imported(districtId, regionIds.get(key.region()), key.name(), key.key());
        }
        for (CategorySeed category : read("seeds/categories.yaml", SeedFiles.Catalogue.class).categories()) {
            catalog.imported(districtId, category.code(), category.nameZh(), category.nameEn(), category.group(),
                    MatterClass.valueOf(category.defaultMatterClass()), category.responseLimit().value(),
                    LimitUnit.valueOf(category.responseLimit().unit()), category.resolutionLimit().value(),
                    LimitUnit.valueOf(category.resolutionLimit().unit()), category.verificationRequired());
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
            if (calendars.year(districtId, year.year(), CalendarStatus.valueOf(year.status()))) {
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
                    calendars.day(districtId, day, holiday.working(), holiday.name());
                }
            }
        }
    }

    /** Hashed only when an account is actually created: bcrypt is slow on purpose, and restarts create none. */
    private String demoPasswordHash() {
        if (demoPasswordHash == null) {
            demoPasswordHash = accounts.passwordHash(DEMO_PASSWORD);
        }
        return demoPasswordHash;
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
