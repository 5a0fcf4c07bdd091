package io.gridloop.region;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A region as clients see it. */
public record RegionView(Long id, @Schema(nullable = true, description = "null for the district") Long parentId,
        RegionType type, String name, @Schema(nullable = true) SizeClass sizeClass,
        @Schema(nullable = true) Map<String, Object> boundary, @Schema(nullable = true) Long contactUnitId, long version) {

    static RegionView of(Region region) {
        return new RegionView(region.id, region.parentId, region.type, region.name, region.sizeClass,
                region.boundary, region.contactUnitId, region.version);
    }
}
