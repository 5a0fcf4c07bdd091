package io.gridloop.region;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.gridloop.shared.problem.ProblemException;

/**
 * A grid's boundary as GeoJSON: a Polygon of one closed ring of [lng, lat] pairs. Holes and
 * multi-polygons are refused rather than silently flattened.
 */
final class Boundary {

    static final int MAX_POINTS = 2000;

    private Boundary() {
    }

    static Map<String, Object> checked(Map<String, Object> geoJson) {
        if (geoJson == null) {
            return null;
        }
        if (!"Polygon".equals(geoJson.get("type")) || !(geoJson.get("coordinates") instanceof List<?> rings)
                || rings.size() != 1 || !(rings.get(0) instanceof List<?> ring)
                || ring.size() < 4 || ring.size() > MAX_POINTS
                || !Objects.equals(ring.get(0), ring.get(ring.size() - 1))) {
            throw invalid();
        }
        for (Object point : ring) {
            if (!(point instanceof List<?> pair) || pair.size() != 2
                    || !(pair.get(0) instanceof Number lng) || !(pair.get(1) instanceof Number lat)
                    || Math.abs(lng.doubleValue()) > 180 || Math.abs(lat.doubleValue()) > 90) {
                throw invalid();
            }
        }
        return Map.of("type", "Polygon", "coordinates", rings);
    }

    private static ProblemException invalid() {
        return ProblemException.invalidField("boundary", "field.boundary-invalid");
    }
}
