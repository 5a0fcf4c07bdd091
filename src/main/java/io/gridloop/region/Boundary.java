package io.gridloop.region;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.gridloop.shared.problem.ProblemException;

/**
 * A grid's boundary as GeoJSON. Stored as a Polygon of one closed ring of [lng, lat] pairs, what
 * {@code grids/locate} searches. What district GIS tools export is accepted too: a MultiPolygon of one
 * polygon (shapefile exports write every area so) is stored as that Polygon. Holes, several parts and
 * rings that cross themselves are refused rather than silently flattened.
 */
public final class Boundary {

    static final int MAX_POINTS = 2000;

    private Boundary() {
    }

    /** Why this GeoJSON geometry cannot be a grid's boundary, as a message key; empty when it can. */
    public static Optional<String> problem(Object geometry) {
        if (!(geometry instanceof Map<?, ?> map) || !(map.get("coordinates") instanceof List<?> coordinates)) {
            return Optional.of("field.boundary-type");
        }
        List<?> rings;
        if ("Polygon".equals(map.get("type"))) {
            rings = coordinates;
        } else if ("MultiPolygon".equals(map.get("type"))) {
            if (coordinates.size() != 1) {
                return Optional.of("field.boundary-parts");
            }
            if (!(coordinates.get(0) instanceof List<?> only)) {
                return Optional.of("field.boundary-type");
            }
            rings = only;
        } else {
            return Optional.of("field.boundary-type");
        }
        if (rings.size() != 1) {
            return Optional.of(rings.isEmpty() ? "field.boundary-points" : "field.boundary-holes");
        }
        if (!(rings.get(0) instanceof List<?> ring) || ring.size() < 4 || ring.size() > MAX_POINTS) {
            return Optional.of("field.boundary-points");
        }
        for (Object point : ring) {
            if (!(point instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof Number lng)
                    || !(pair.get(1) instanceof Number lat) || !(Math.abs(lng.doubleValue()) <= 180)
                    || !(Math.abs(lat.doubleValue()) <= 90)) {
                return Optional.of("field.boundary-coordinates");
            }
        }
        if (!Objects.equals(point(ring, 0)[0], point(ring, ring.size() - 1)[0])
                || !Objects.equals(point(ring, 0)[1], point(ring, ring.size() - 1)[1])) {
            return Optional.of("field.boundary-not-closed");
        }
        return crossesItself(ring) ? Optional.of("field.boundary-self-intersecting") : Optional.empty();
    }

    /** The geometry as stored: a Polygon of its one ring. Only for a geometry that has no {@link #problem}. */
    public static Map<String, Object> polygon(Object geometry) {
        Map<?, ?> map = (Map<?, ?>) geometry;
        List<?> coordinates = (List<?>) map.get("coordinates");
        List<?> rings = "MultiPolygon".equals(map.get("type")) ? (List<?>) coordinates.get(0) : coordinates;
        return Map.of("type", "Polygon", "coordinates", rings);
    }

    static Map<String, Object> checked(Map<String, Object> geoJson) {
        if (geoJson == null) {
            return null;
        }
        problem(geoJson).ifPresent(key -> {
            throw ProblemException.invalidField("boundary", key);
        });
        return polygon(geoJson);
    }

    /**
     * Whether two edges of the closed ring touch, other than neighbours at their shared corner. Every
     * pair is tried: rings are at most {@link #MAX_POINTS} points, and a grid's a few dozen.
     */
    private static boolean crossesItself(List<?> ring) {
        int edges = ring.size() - 1;
        for (int i = 0; i < edges; i++) {
            for (int j = i + 1; j < edges; j++) {
                boolean neighbours = j == i + 1 || (i == 0 && j == edges - 1);
                if (neighbours ? overlap(ring, i, j) : touch(point(ring, i), point(ring, i + 1), point(ring, j), point(ring, j + 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Neighbouring edges share a corner; they are wrong only when they run back over each other. */
    private static boolean overlap(List<?> ring, int i, int j) {
        double[] a = point(ring, i);
        double[] b = point(ring, i + 1);
        double[] c = point(ring, j);
        double[] d = point(ring, j + 1);
        if (j == i + 1) {
            return orientation(a, b, d) == 0 && onSegment(a, d, b) || orientation(a, b, d) == 0 && onSegment(b, a, d);
        }
        // the last edge (c → d = a) and the first (a → b)
        return orientation(c, a, b) == 0 && (onSegment(c, b, a) || onSegment(a, c, b));
    }

    private static boolean touch(double[] p1, double[] q1, double[] p2, double[] q2) {
        int o1 = orientation(p1, q1, p2);
        int o2 = orientation(p1, q1, q2);
        int o3 = orientation(p2, q2, p1);
        int o4 = orientation(p2, q2, q1);
        return (o1 != o2 && o3 != o4) || (o1 == 0 && onSegment(p1, p2, q1)) || (o2 == 0 && onSegment(p1, q2, q1))
                || (o3 == 0 && onSegment(p2, p1, q2)) || (o4 == 0 && onSegment(p2, q1, q2));
    }

    private static int orientation(double[] p, double[] q, double[] r) {
        return (int) Math.signum((q[1] - p[1]) * (r[0] - q[0]) - (q[0] - p[0]) * (r[1] - q[1]));
    }

    /** Whether q lies on the segment p–r, given that the three are collinear. */
    private static boolean onSegment(double[] p, double[] q, double[] r) {
        return q[0] <= Math.max(p[0], r[0]) && q[0] >= Math.min(p[0], r[0]) && q[1] <= Math.max(p[1], r[1])
                && q[1] >= Math.min(p[1], r[1]);
    }

    private static double[] point(List<?> ring, int index) {
        List<?> pair = (List<?>) ring.get(index);
        return new double[] { ((Number) pair.get(0)).doubleValue(), ((Number) pair.get(1)).doubleValue() };
    }
}
