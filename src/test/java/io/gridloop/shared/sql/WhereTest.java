package io.gridloop.shared.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A clause's named parameters turned positional for the JDBC connection (plain JUnit). */
class WhereTest {

    @Test
    void each_name_becomes_a_place_in_the_order_the_statement_names_them() {
        Where where = Where.of("x.district_id = :district", "district", 7L).and("x.day >= :from", "from", LocalDate.of(2026, 1, 1))
                .with("unused", "left out");
        Where.Jdbc jdbc = where.jdbc("SELECT x.day::text FROM t x WHERE " + where.sql() + " AND x.other = :district");
        assertEquals("SELECT x.day::text FROM t x WHERE (x.district_id = ?) AND (x.day >= ?) AND x.other = ?", jdbc.sql());
        assertArrayEquals(new Object[] { 7L, LocalDate.of(2026, 1, 1), 7L }, jdbc.parameters());
    }

    @Test
    void a_collection_is_a_place_per_element_and_an_empty_one_matches_nothing() {
        Where where = Where.of("x.path IN (:paths)", "paths", List.of("/1/", "/1/2/")).and("x.id IN (:none)", "none", List.of());
        Where.Jdbc jdbc = where.jdbc("SELECT 1 WHERE " + where.sql());
        assertEquals("SELECT 1 WHERE (x.path IN (?, ?)) AND (x.id IN (NULL))", jdbc.sql());
        assertArrayEquals(new Object[] { "/1/", "/1/2/" }, jdbc.parameters());
    }

    @Test
    void a_name_the_clause_does_not_bind_is_refused() {
        Where where = Where.of("x.a = :a", "a", 1);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> where.jdbc("SELECT :b WHERE " + where.sql()));
        assertEquals("parameter :b is not bound", refused.getMessage());
    }
}
