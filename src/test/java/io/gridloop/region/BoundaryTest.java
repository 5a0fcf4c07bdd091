package io.gridloop.region;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class BoundaryTest {

    private static final List<List<Double>> SQUARE = ring(0, 0, 1, 0, 1, 1, 0, 1, 0, 0);

    @Test
    void a_simple_closed_ring_is_a_boundary_as_a_polygon_or_a_multipolygon_of_one() {
        assertEquals(Optional.empty(), Boundary.problem(polygon(SQUARE)));
        Map<String, Object> multi = Map.of("type", "MultiPolygon", "coordinates", List.of(List.of(SQUARE)));
        assertEquals(Optional.empty(), Boundary.problem(multi));
        assertEquals(polygon(SQUARE), Boundary.polygon(multi));
        // a concave ring whose edges meet only at their corners
        assertEquals(Optional.empty(), Boundary.problem(polygon(ring(0, 0, 2, 0, 2, 2, 1, 1, 0, 2, 0, 0))));
    }

    @Test
    void each_kind_of_bad_boundary_has_its_own_reason() {
        assertEquals(Optional.of("field.boundary-type"), Boundary.problem(Map.of("type", "Point", "coordinates", List.of(1.0, 2.0))));
        assertEquals(Optional.of("field.boundary-type"), Boundary.problem("not a geometry"));
        assertEquals(Optional.of("field.boundary-parts"),
                Boundary.problem(Map.of("type", "MultiPolygon", "coordinates", List.of(List.of(SQUARE), List.of(SQUARE)))));
        assertEquals(Optional.of("field.boundary-holes"),
                Boundary.problem(Map.of("type", "Polygon", "coordinates", List.of(SQUARE, ring(0.2, 0.2, 0.4, 0.2, 0.4, 0.4, 0.2, 0.2)))));
        assertEquals(Optional.of("field.boundary-points"), Boundary.problem(polygon(ring(0, 0, 1, 1, 0, 0))));
        assertEquals(Optional.of("field.boundary-coordinates"), Boundary.problem(polygon(ring(0, 0, 1, 0, 1, 91, 0, 0))));
        assertEquals(Optional.of("field.boundary-coordinates"), Boundary.problem(polygon(ring(0, 0, 181, 0, 1, 1, 0, 0))));
        assertEquals(Optional.of("field.boundary-not-closed"), Boundary.problem(polygon(ring(0, 0, 1, 0, 1, 1, 0, 1))));
    }

    @Test
    void a_ring_that_crosses_or_runs_back_over_itself_is_refused() {
        // a bow tie: the second and fourth edges cross
        assertEquals(Optional.of("field.boundary-self-intersecting"), Boundary.problem(polygon(ring(0, 0, 1, 1, 1, 0, 0, 1, 0, 0))));
        // a spike: the ring goes out along an edge and back along the same line
        assertEquals(Optional.of("field.boundary-self-intersecting"),
                Boundary.problem(polygon(ring(0, 0, 2, 0, 1, 0, 1, 1, 0, 0))));
        // a ring touching itself at a corner that is not a neighbour's
        assertEquals(Optional.of("field.boundary-self-intersecting"),
                Boundary.problem(polygon(ring(0, 0, 2, 0, 1, 1, 2, 2, 0, 2, 1, 1, 0, 0))));
    }

    private static Map<String, Object> polygon(List<List<Double>> ring) {
        return Map.of("type", "Polygon", "coordinates", List.of(ring));
    }

    private static List<List<Double>> ring(double... lngLat) {
        List<List<Double>> points = new java.util.ArrayList<>();
        for (int i = 0; i < lngLat.length; i += 2) {
            points.add(List.of(lngLat[i], lngLat[i + 1]));
        }
        return points;
    }
}
