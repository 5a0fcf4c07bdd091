package io.gridloop.region;

import java.util.List;
import java.util.Optional;

/** Which grid a point lies in, answered by PostgreSQL's geometry on the indexed boundary polygons. */
public final class Grids {

    private Grids() {
    }

    /** The grid of the district whose boundary contains (lat, lng); the smallest when boundaries overlap. */
    public static Optional<Long> containing(long districtId, double lat, double lng) {
        @SuppressWarnings("unchecked")
        List<Number> ids = Region.getEntityManager().createNativeQuery("""
                SELECT id FROM region
                WHERE district_id = ?1 AND type = 'GRID'
                  AND boundary_area && polygon(box(point(?2, ?3), point(?2, ?3)))
                  AND boundary_area @> point(?2, ?3)
                ORDER BY area(path(boundary_area)), id
                LIMIT 1""")
                .setParameter(1, districtId).setParameter(2, lng).setParameter(3, lat)
                .getResultList();
        return ids.stream().findFirst().map(Number::longValue);
    }
}
