package io.gridloop.region;

import java.util.Map;

/** A region as clients see it. */
public record RegionView(Long id, Long parentId, RegionType type, String name, SizeClass sizeClass,
        Map<String, Object> boundary, Long contactUnitId, long version) {

    static RegionView of(Region region) {
        return new RegionView(region.id, region.parentId, region.type, region.name, region.sizeClass,
                region.boundary, region.contactUnitId, region.version);
    }
}
