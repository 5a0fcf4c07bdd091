package io.gridloop.seed;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The shapes of the files in seeds/. */
final class SeedFiles {

    private SeedFiles() {
    }

    record District(String district, List<UnitSeed> units, List<StreetSeed> streets, List<AccountSeed> accounts,
            List<ApiKeySeed> apiKeys) {
    }

    record UnitSeed(String key, String name, String contactName, String phone) {
    }

    record StreetSeed(String name, List<CommunitySeed> communities) {
    }

    record CommunitySeed(String key, String name, List<GridSeed> grids) {
    }

    record GridSeed(String key, String name, String sizeClass, String contactUnit, List<List<Double>> boundary) {
    }

    record AccountSeed(String username, String name, String phone, List<RoleSeed> roles) {
    }

    /** A role bound to a region key (or `district`) or to a unit key. */
    record RoleSeed(String role, String region, String unit) {
    }

    record ApiKeySeed(String name, String key, String region) {
    }

    record Catalogue(List<CategorySeed> categories) {
    }

    record Limit(int value, String unit) {
    }

    record CategorySeed(String code, String nameZh, String nameEn, String group, String defaultMatterClass,
            Limit responseLimit, Limit resolutionLimit, boolean verificationRequired) {
    }

    record Calendar(List<YearSeed> years, List<HolidaySeed> holidays) {
    }

    /** A year of the calendar and whether it is PUBLISHED or PROVISIONAL. */
    record YearSeed(int year, String status) {
    }

    /** One day, or a run of days from `from` to `to`; `working: true` marks a make-up working day. */
    record HolidaySeed(LocalDate from, LocalDate to, boolean working, String name) {
    }

    static Map<String, Object> polygon(List<List<Double>> ring) {
        return Map.of("type", "Polygon", "coordinates", List.of(ring));
    }
}
