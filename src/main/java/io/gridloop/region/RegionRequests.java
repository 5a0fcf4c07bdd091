package io.gridloop.region;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The bodies of the region and unit endpoints. */
final class RegionRequests {

    private RegionRequests() {
    }

    /** No control characters in names: they break lists, exports and logs. */
    static final String PRINTABLE = "^[^\\p{Cntrl}]*$";

    record CreateRegion(@NotNull Long parentId, @NotNull RegionType type,
            @NotBlank @Size(max = 100) @Pattern(regexp = PRINTABLE) String name,
            SizeClass sizeClass, Map<String, Object> boundary, Long contactUnitId) {
    }

    record UpdateRegion(@NotBlank @Size(max = 100) @Pattern(regexp = PRINTABLE) String name,
            SizeClass sizeClass, Map<String, Object> boundary, Long contactUnitId) {
    }

    record CreateUnit(@NotBlank @Size(max = 100) @Pattern(regexp = PRINTABLE) String name,
            @Size(max = 50) @Pattern(regexp = PRINTABLE) String contactName,
            @Size(max = 20) @Pattern(regexp = "^[0-9+\\- ]*$") String phone) {
    }

    record UnitView(Long id, String name, String contactName, String phone, long version) {

        static UnitView of(Unit unit) {
            return new UnitView(unit.id, unit.name, unit.contactName, unit.phone, unit.version);
        }
    }
}
