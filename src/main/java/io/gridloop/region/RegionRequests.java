package io.gridloop.region;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.gridloop.shared.web.ReadOnlyFields;
import io.gridloop.shared.web.SafeText;

/** The bodies of the region and unit endpoints. */
final class RegionRequests {

    private RegionRequests() {
    }

    record CreateRegion(@NotNull Long parentId, @NotNull RegionType type,
            @NotBlank @Size(max = 100) @Pattern(regexp = SafeText.LINE) String name,
            @Schema(nullable = true) SizeClass sizeClass, @Schema(nullable = true) Map<String, Object> boundary,
            @Schema(nullable = true) Long contactUnitId) {
    }

    /** The region as read with GET may be sent back: its id, parent, type and version must be unchanged. */
    record UpdateRegion(@NotBlank @Size(max = 100) @Pattern(regexp = SafeText.LINE) String name,
            @Schema(nullable = true) SizeClass sizeClass, @Schema(nullable = true) Map<String, Object> boundary,
            @Schema(nullable = true) Long contactUnitId,
            @Schema(description = ReadOnlyFields.ECHOED) Long id,
            @Schema(nullable = true, description = ReadOnlyFields.ECHOED) Long parentId,
            @Schema(description = ReadOnlyFields.ECHOED) RegionType type, @Schema(description = ReadOnlyFields.ECHOED) Long version) {
    }

    record CreateUnit(@NotBlank @Size(max = 100) @Pattern(regexp = SafeText.LINE) String name,
            @Size(max = 50) @Pattern(regexp = SafeText.LINE) String contactName,
            @Size(max = 20) @Pattern(regexp = "^[0-9+\\- ]*$") String phone) {
    }

    record UnitView(Long id, String name, @Schema(nullable = true) String contactName,
            @Schema(nullable = true) String phone, long version) {

        static UnitView of(Unit unit) {
            return new UnitView(unit.id, unit.name, unit.contactName, unit.phone, unit.version);
        }
    }
}
