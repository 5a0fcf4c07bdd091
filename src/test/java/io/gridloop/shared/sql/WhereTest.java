package io.gridloop.shared.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    void a_cast_a_colon_inside_a_word_or_before_a_digit_is_not_a_parameter() {
        Where where = Where.of("true", "a", 1, "b_2", 2, "from", 3);
        Where.Jdbc jdbc = where.jdbc(":a = x::int AND y = :b_2::text AND z = :from AND '12:30' <> w:a AND v = ::a AND u = :9");
        assertEquals("? = x::int AND y = ?::text AND z = ? AND '12:30' <> w:a AND v = ::a AND u = :9", jdbc.sql());
        assertArrayEquals(new Object[] { 1, 2, 3 }, jdbc.parameters());
    }

    /** The scanner finds exactly what the pattern that defines a parameter finds, on the statements of every shape. */
    @Test
    void the_names_found_are_those_of_the_pattern_that_defines_them() {
        Pattern defined = Pattern.compile("(?<![:\\w]):([A-Za-z_][A-Za-z0-9_]*)");
        Where where = Where.of("true", "a", 1, "_b", 2, "c9", 3);
        for (String statement : List.of(":a", ":a:_b", "(:a)", "x = :c9+:a", "::a", "a::_b", "1:a", "é:a", ": a", ":", "x:",
                ":_b::date", "[:c9]", "':a'", "\n:a\t")) {
            Matcher found = defined.matcher(statement);
            List<Object> names = new ArrayList<>();
            while (found.find()) {
                names.add(where.parameters().get(found.group(1)));
            }
            assertEquals(names, List.of(where.jdbc(statement).parameters()), statement);
        }
    }

    @Test
    void a_name_the_clause_does_not_bind_is_refused() {
        Where where = Where.of("x.a = :a", "a", 1);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> where.jdbc("SELECT :b WHERE " + where.sql()));
        assertEquals("parameter :b is not bound", refused.getMessage());
    }

    @Test
    void a_template_places_its_names_once_and_binds_them_each_time_as_a_clause_would() {
        String statement = "INSERT INTO t SELECT :kind, x::int, :at FROM u WHERE u.kind = :kind";
        Where.Template template = Where.template(statement);
        assertEquals("INSERT INTO t SELECT ?, x::int, ? FROM u WHERE u.kind = ?", template.sql());
        for (int at : List.of(1, 2)) {
            Where.Jdbc bound = template.bind(Map.of("kind", "OVERDUE", "at", at, "unused", "left out"));
            Where.Jdbc clause = Where.of("true", "kind", "OVERDUE", "at", at).jdbc(statement);
            assertEquals(clause.sql(), bound.sql());
            assertArrayEquals(clause.parameters(), bound.parameters());
        }
        assertEquals("parameter :at is not bound",
                assertThrows(IllegalArgumentException.class, () -> template.bind(Map.of("kind", "OVERDUE"))).getMessage());
        assertEquals("parameter :kind takes one value, not a collection", assertThrows(IllegalArgumentException.class,
                () -> template.bind(Map.of("kind", List.of("A", "B"), "at", 1))).getMessage());
    }

    /** What may stand for a column or a parameter is what this pattern matches, and nothing else is let into SQL. */
    @Test
    void a_column_or_a_parameter_is_what_the_pattern_that_defines_them_matches() {
        Pattern defined = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?|:[A-Za-z_][A-Za-z0-9_]*");
        for (String source : List.of("t.grid_id", "grid_id", "_x", "a9.b_2", ":grid", ":_g1", "", ":", ".", "t.", ".x", "a.b.c",
                "::grid", ":t.x", "9a", "t.9", "t.grid_id; DROP TABLE ticket", "t.grid_id ", " t", "x-y", "é", "t.é", ":é")) {
            boolean allowed = defined.matcher(source).matches();
            if (allowed) {
                assertEquals(source, Where.columnOrParameter(source));
            } else {
                assertThrows(IllegalArgumentException.class, () -> Where.columnOrParameter(source), source);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Where.columnOrParameter(null));
    }
}
