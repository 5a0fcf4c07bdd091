package io.gridloop.districtimport;

import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridloop.account.Accounts;
import io.gridloop.audit.Audit;
import io.gridloop.audit.AuditKind;
import io.gridloop.calendar.CalendarImport;
import io.gridloop.calendar.CalendarStatus;
import io.gridloop.catalog.Catalog;
import io.gridloop.catalog.LimitUnit;
import io.gridloop.catalog.MatterClass;
import io.gridloop.integration.ApiKeyDirectory;
import io.gridloop.region.Boundary;
import io.gridloop.region.RegionImport;
import io.gridloop.region.Regions;
import io.gridloop.region.RegionImport.Imported;
import io.gridloop.region.RegionImport.RegionRow;
import io.gridloop.region.RegionType;
import io.gridloop.region.SizeClass;
import io.gridloop.shared.ImportCounts;
import io.gridloop.shared.problem.Problem.Violation;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.sql.Jdbc;
import io.gridloop.store.StoreImport;

/**
 * Imports a district's file in one transaction: the whole file is checked first and every problem
 * reported at once (422, nothing written); then each owning feature writes its own tables, a level or
 * a section at a time in set-based statements. Imports of one district wait for each other.
 */
@ApplicationScoped
public class DistrictImport {

    /** At most this many problems are listed; the detail gives the whole count. */
    static final int MAX_VIOLATIONS = 1000;
    /** Advisory lock space of imports, one lock per district (the district's id added). */
    private static final long LOCK = 0x696d706f7274L << 16;

    @Schema(name = "ImportReport", description = "What an import did to each kind of row")
    public record Report(ImportCounts units, ImportCounts streets, ImportCounts communities, ImportCounts grids,
            ImportCounts categories, ImportCounts calendarYears, ImportCounts accounts, ImportCounts apiKeys,
            ImportCounts storeItems) {
    }

    private static final Logger LOG = Logger.getLogger(DistrictImport.class);
    private static final ImportCounts NONE = new ImportCounts(0, 0, 0);

    private final Jdbc jdbc;
    private final Validator validator;
    private final RegionImport regions;
    private final Catalog catalog;
    private final CalendarImport calendars;
    private final Accounts accounts;
    private final ApiKeyDirectory apiKeys;
    private final Audit audit;
    private final Regions paths;
    private final StoreImport store;
    private final ObjectMapper json = new ObjectMapper();

    DistrictImport(Jdbc jdbc, Validator validator, RegionImport regions, Catalog catalog,
            CalendarImport calendars, Accounts accounts, ApiKeyDirectory apiKeys, Audit audit, Regions paths,
            StoreImport store) {
        this.jdbc = jdbc;
        this.validator = validator;
        this.regions = regions;
        this.catalog = catalog;
        this.calendars = calendars;
        this.accounts = accounts;
        this.apiKeys = apiKeys;
        this.audit = audit;
        this.paths = paths;
        this.store = store;
    }

    /**
     * Imports the file into the district, or changes nothing and throws a 422 listing every problem.
     *
     * @param actorId who imports (null: the service itself, loading the demo), for the audit
     * @param initialPasswordHash the password hash of accounts made without one of their own (the demo's), or
     *        null: such accounts cannot sign in by password until one is set
     */
    @Transactional
    public Report run(long districtId, Long actorId, DistrictFile file, Supplier<String> initialPasswordHash) {
        long start = System.nanoTime();
        jdbc.rows("SELECT pg_advisory_xact_lock(?)", row -> 0, LOCK + districtId);
        List<Violation> violations = new ArrayList<>(FileCheck.violations(file, validator));
        if (file.district() != null && !regions.districtName(districtId).map(file.district()::equals).orElse(false)) {
            violations.add(0, new Violation("district", "import.other-district"));
        }
        if (file.accounts() != null) {
            List<String> usernames = file.accounts().stream().map(a -> a == null ? null : a.username()).toList();
            List<String> elsewhere = accounts.heldElsewhere(districtId, usernames);
            for (int i = 0; i < usernames.size(); i++) {
                if (elsewhere.contains(usernames.get(i))) {
                    violations.add(new Violation("accounts[" + i + "].username", "import.username-taken"));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable(violations.subList(0, Math.min(violations.size(), MAX_VIOLATIONS)),
                    "import.invalid.detail", violations.size(), Math.min(violations.size(), MAX_VIOLATIONS));
        }
        long checked = System.nanoTime();
        Report report = write(districtId, file, initialPasswordHash);
        audit.record(districtId, AuditKind.DATA_IMPORTED, actorId, "import", null, Map.of("units", report.units(),
                "streets", report.streets(), "communities", report.communities(), "grids", report.grids(),
                "categories", report.categories(), "calendarYears", report.calendarYears(), "accounts", report.accounts(),
                "apiKeys", report.apiKeys(), "storeItems", report.storeItems()));
        LOG.infof("District %d: import checked in %d ms and written in %d ms: %s", districtId, (checked - start) / 1_000_000,
                (System.nanoTime() - checked) / 1_000_000, report);
        return report;
    }

    private Report write(long districtId, DistrictFile file, Supplier<String> initialPasswordHash) {
        Map<String, Long> unitIds = new HashMap<>();
        ImportCounts units = NONE;
        if (file.units() != null) {
            Imported imported = regions.units(districtId, file.units().stream()
                    .map(u -> new RegionImport.UnitRow(u.name(), u.contactName(), u.phone())).toList());
            for (int i = 0; i < file.units().size(); i++) {
                unitIds.put(file.units().get(i).key(), imported.ids().get(i));
            }
            units = imported.counts();
        }
        Map<String, Long> regionIds = new HashMap<>();
        regionIds.put(FileCheck.DISTRICT, districtId);
        List<DistrictFile.Street> streets = file.streets() == null ? List.of() : file.streets();
        Imported streetIds = regions.regions(districtId, RegionType.STREET, streets.stream()
                .map(s -> new RegionRow(districtId, s.name(), null, null, null)).toList());
        List<DistrictFile.Community> communities = new ArrayList<>();
        List<RegionRow> communityRows = new ArrayList<>();
        for (int i = 0; i < streets.size(); i++) {
            keep(regionIds, streets.get(i).key(), streetIds.ids().get(i));
            for (DistrictFile.Community community : listed(streets.get(i).communities())) {
                communities.add(community);
                communityRows.add(new RegionRow(streetIds.ids().get(i), community.name(), null, null, null));
            }
        }
        Imported communityIds = regions.regions(districtId, RegionType.COMMUNITY, communityRows);
        List<DistrictFile.Grid> grids = new ArrayList<>();
        List<RegionRow> gridRows = new ArrayList<>();
        for (int i = 0; i < communities.size(); i++) {
            keep(regionIds, communities.get(i).key(), communityIds.ids().get(i));
            for (DistrictFile.Grid grid : listed(communities.get(i).grids())) {
                grids.add(grid);
                gridRows.add(new RegionRow(communityIds.ids().get(i), grid.name(), SizeClass.valueOf(grid.sizeClass()),
                        grid.boundary() == null ? null : text(Boundary.polygon(grid.boundary())),
                        grid.contactUnit() == null ? null : unitIds.get(grid.contactUnit())));
            }
        }
        Imported gridIds = regions.regions(districtId, RegionType.GRID, gridRows);
        for (int i = 0; i < grids.size(); i++) {
            keep(regionIds, grids.get(i).key(), gridIds.ids().get(i));
        }
        ImportCounts categories = file.categories() == null ? NONE : catalog.imported(districtId, file.categories().stream()
                .map(c -> new Catalog.ImportedCategory(c.code(), c.nameZh(), c.nameEn(), c.group(),
                        MatterClass.valueOf(c.defaultMatterClass()), c.responseLimit().value(),
                        LimitUnit.valueOf(c.responseLimit().unit()), c.resolutionLimit().value(),
                        LimitUnit.valueOf(c.resolutionLimit().unit()), Boolean.TRUE.equals(c.verificationRequired())))
                .toList());
        ImportCounts years = file.calendar() == null ? NONE : calendars.imported(districtId, file.calendar().stream()
                .map(y -> new CalendarImport.ImportedYear(y.year(), CalendarStatus.valueOf(y.status()), days(y))).toList());
        ImportCounts people = file.accounts() == null ? NONE : accounts.imported(districtId, file.accounts().stream()
                .map(a -> new Accounts.ImportedAccount(a.username(), a.name(), a.phone(), a.passwordHash(), a.roles().stream()
                        .map(r -> new Accounts.ImportedRole(Role.valueOf(r.role()), r.region() == null ? null : regionIds.get(r.region()),
                                r.unit() == null ? null : unitIds.get(r.unit())))
                        .toList()))
                .toList(), initialPasswordHash);
        ImportCounts keys = file.apiKeys() == null ? NONE : apiKeys.imported(districtId, file.apiKeys().stream()
                .map(k -> new ApiKeyDirectory.ImportedKey(regionIds.get(k.region()), k.name(), k.key())).toList());
        ImportCounts items = file.storeItems() == null ? NONE : store.imported(districtId, file.storeItems().stream()
                .map(i -> new StoreImport.ImportedItem(regionIds.get(i.community()),
                        paths.communityPath(districtId, regionIds.get(i.community())).orElseThrow(), i.name(), i.description(),
                        i.price(), i.stock()))
                .toList());
        return new Report(units, streetIds.counts(), communityIds.counts(), gridIds.counts(), categories, years, people, keys,
                items);
    }

    private static List<CalendarImport.Day> days(DistrictFile.Year year) {
        List<CalendarImport.Day> days = new ArrayList<>();
        for (DistrictFile.Day run : listed(year.days())) {
            LocalDate last = LocalDate.parse(run.to() == null ? run.from() : run.to());
            for (LocalDate day = LocalDate.parse(run.from()); !day.isAfter(last); day = day.plusDays(1)) {
                days.add(new CalendarImport.Day(day, Boolean.TRUE.equals(run.working()), run.name()));
            }
        }
        return days;
    }

    private static void keep(Map<String, Long> ids, String key, long id) {
        if (key != null) {
            ids.put(key, id);
        }
    }

    private static <T> List<T> listed(List<T> rows) {
        return rows == null ? List.of() : rows;
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
