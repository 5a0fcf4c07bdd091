package io.gridloop.districtimport;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.gridloop.shared.web.SafeText;

/**
 * A district's data as an import file (YAML, or JSON, which is YAML too): seeds/demo-district.yaml
 * is one. Every section may be left out, and what it leaves out is not touched. Rows are matched by
 * their natural key (a unit's name; a street's name in the district, a community's in its street, a
 * grid's in its community; a category's code; a year; a username; an API key's secret): a row found
 * is updated to what the file says, a row not found is created, and nothing is deleted but the role
 * bindings of an account the file lists. Keys ({@code key}) only tie the file's rows to each other.
 */
@Schema(name = "DistrictFile", description = "A district's data to import (the format of seeds/demo-district.yaml)")
public record DistrictFile(
        @Schema(description = "the district's name; when given, it must be the importing administrator's district")
        @Size(max = 100) @Pattern(regexp = SafeText.LINE) String district,
        @Size(max = MAX_ROWS) List<@Valid @NotNull Unit> units,
        @Size(max = MAX_ROWS) List<@Valid @NotNull Street> streets,
        @Size(max = MAX_ROWS) List<@Valid @NotNull Category> categories,
        @Size(max = 100) List<@Valid @NotNull Year> calendar,
        @Size(max = MAX_ROWS) List<@Valid @NotNull Account> accounts,
        @Size(max = 1000) List<@Valid @NotNull ApiKey> apiKeys,
        @Size(max = MAX_ROWS) List<@Valid @NotNull StoreItem> storeItems) {

    /** Rows per section at most: a district of 10,000 grids and 100,000 staff and party members fits. */
    static final int MAX_ROWS = 100_000;
    static final String KEY = "^[A-Za-z0-9_.-]{1,64}$";

    /** A contact unit (联系单位); {@code key} is how grids and unit handlers name it in this file. */
    @Schema(name = "ImportUnit")
    public record Unit(@NotBlank @Pattern(regexp = KEY) String key, @NotBlank @Size(max = 100) @Pattern(regexp = SafeText.LINE) String name,
            @Size(max = 50) @Pattern(regexp = SafeText.LINE) String contactName, @Size(max = 20) @Pattern(regexp = "^[0-9+\\- ]*$") String phone) {
    }

    @Schema(name = "ImportStreet")
    public record Street(@Pattern(regexp = KEY) String key, @NotBlank @Size(max = 100) @Pattern(regexp = SafeText.LINE) String name,
            @Size(max = MAX_ROWS) List<@Valid @NotNull Community> communities) {
    }

    @Schema(name = "ImportCommunity")
    public record Community(@Pattern(regexp = KEY) String key, @NotBlank @Size(max = 100) @Pattern(regexp = SafeText.LINE) String name,
            @Size(max = MAX_ROWS) List<@Valid @NotNull Grid> grids) {
    }

    /** A grid; its boundary is a GeoJSON Polygon or a MultiPolygon of one polygon, [lng, lat] pairs. */
    @Schema(name = "ImportGrid")
    public record Grid(@Pattern(regexp = KEY) String key, @NotBlank @Size(max = 100) @Pattern(regexp = SafeText.LINE) String name,
            @NotNull @Schema(enumeration = { "LARGE", "MEDIUM", "SMALL" }) String sizeClass,
            @Schema(description = "a unit's key") String contactUnit,
            @Schema(description = "GeoJSON geometry: Polygon, or MultiPolygon of one polygon") Map<String, Object> boundary) {
    }

    @Schema(name = "ImportCategory")
    public record Category(@NotBlank @Pattern(regexp = "^[A-Z0-9_]{2,40}$") String code,
            @NotBlank @Size(max = 50) @Pattern(regexp = SafeText.LINE) String nameZh,
            @NotBlank @Size(max = 100) @Pattern(regexp = SafeText.LINE) String nameEn,
            @NotBlank @Size(max = 50) @Pattern(regexp = SafeText.LINE) String group,
            @NotNull @Schema(enumeration = { "MAJOR", "MINOR", "PERSONAL" }) String defaultMatterClass,
            @NotNull @Valid Limit responseLimit, @NotNull @Valid Limit resolutionLimit, Boolean verificationRequired) {
    }

    @Schema(name = "ImportLimit")
    public record Limit(@NotNull @Min(1) @Max(8760) Integer value,
            @NotNull @Schema(enumeration = { "HOURS", "WORKING_DAYS" }) String unit) {
    }

    /**
     * A year of the holiday calendar. A year the district has no calendar for is written; a year it has
     * is left as it is (replace it with PUT /api/v1/holidays/{year}, which checks its version).
     */
    @Schema(name = "ImportYear")
    public record Year(@NotNull @Min(2000) @Max(2100) Integer year,
            @NotNull @Schema(enumeration = { "PUBLISHED", "PROVISIONAL" }) String status,
            @Size(max = 366) List<@Valid @NotNull Day> days) {
    }

    /** A holiday, or a run of them from {@code from} to {@code to}; {@code working: true} marks a make-up working day (调休). */
    @Schema(name = "ImportDay")
    public record Day(@NotNull @Schema(format = "date") String from, @Schema(format = "date") String to, Boolean working,
            @NotBlank @Size(max = 50) @Pattern(regexp = SafeText.LINE) String name) {
    }

    /**
     * A staff member, party member or resident. A password never travels in clear: {@code passwordHash}
     * is a bcrypt hash; an account made without one cannot sign in by password until one is set.
     */
    @Schema(name = "ImportAccount")
    public record Account(@NotBlank @Pattern(regexp = "^[A-Za-z0-9_.-]{3,64}$") String username,
            @NotBlank @Size(max = 50) @Pattern(regexp = SafeText.LINE) String name,
            @Pattern(regexp = "^1[3-9][0-9]{9}$") String phone,
            @Pattern(regexp = "^\\$2[aby]?\\$[0-9]{2}\\$[./A-Za-z0-9]{53}$") String passwordHash,
            @NotNull @Size(min = 1, max = 20) List<@Valid @NotNull Role> roles) {
    }

    /** A role held in a region (its key, or {@code district}) or, for UNIT_HANDLER, a unit (its key). */
    @Schema(name = "ImportRole")
    public record Role(@NotNull @Schema(enumeration = { "RESIDENT", "PARTY_MEMBER", "GRID_MEMBER", "GRID_LEADER",
            "COMMUNITY_ADMIN", "UNIT_HANDLER", "DISTRICT_ADMIN" }) String role, String region, String unit) {
    }

    /** An integration's API key; only its hash is stored. */
    @Schema(name = "ImportApiKey")
    public record ApiKey(@NotBlank @Size(max = 100) @Pattern(regexp = SafeText.LINE) String name,
            @NotBlank @Size(min = 12, max = 200) @Pattern(regexp = "^[\\x21-\\x7E]+$") String key, @NotBlank String region) {
    }

    /** An item of a community's points store (积分超市), by the community's key; made when missing, never reset. */
    @Schema(name = "ImportStoreItem")
    public record StoreItem(@NotBlank @Pattern(regexp = KEY) String community,
            @NotBlank @Size(max = 100) @Pattern(regexp = SafeText.LINE) String name,
            @Size(max = 1000) @Pattern(regexp = SafeText.LINE) String description,
            @NotNull @Min(1) @Max(1_000_000) Integer price, @NotNull @Min(0) @Max(1_000_000) Integer stock) {
    }
}
