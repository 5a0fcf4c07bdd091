package io.gridloop.shared.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.gridloop.shared.problem.Problem;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;

/** Keyset cursors (SPEC §2 "Lists page by cursor"), without Quarkus: PagingTest covers them over HTTP. */
class CursorsTest {

    @ParameterizedTest
    @ValueSource(longs = { 0, 1, 42, -7, 1_000_000_007L, Long.MAX_VALUE, Long.MIN_VALUE })
    void a_cursor_gives_back_the_key_it_was_made_from(long key) {
        assertEquals(key, Cursors.after(Cursors.encode(key)));
        assertEquals(key, Cursors.before(Cursors.encode(key)));
    }

    @Test
    void no_cursor_starts_a_newest_first_list_at_the_newest_and_an_oldest_first_one_at_the_oldest() {
        assertEquals(Long.MAX_VALUE, Cursors.before(null));
        assertEquals(Long.MAX_VALUE, Cursors.before(""));
        assertEquals(Long.MIN_VALUE, Cursors.after(null));
        assertEquals(Long.MIN_VALUE, Cursors.after(""));
    }

    @Test
    void a_cursor_is_opaque_and_safe_in_a_query_string() {
        String cursor = Cursors.encode(Long.MIN_VALUE);

        assertFalse(cursor.contains(Long.toString(Long.MIN_VALUE)), cursor);
        assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
    }

    @ParameterizedTest
    @ValueSource(strings = { "not a cursor", "!!!!", "a", "=", "MTIz" /* "123" */, "aw" /* "k" */, "a3g" /* "kx" */ })
    void a_cursor_that_was_not_made_here_is_a_violation_of_the_cursor_field(String cursor) {
        assertInvalid(cursor);
    }

    @Test
    void a_cursor_too_long_for_a_key_or_beyond_its_range_is_refused_without_an_overflow() {
        for (String decoded : List.of("k" + "9".repeat(21), "k9223372036854775808", "k-9223372036854775809", "k1e3", "k 1")) {
            assertInvalid(Base64.getUrlEncoder().withoutPadding().encodeToString(decoded.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static void assertInvalid(String cursor) {
        for (var read : List.<java.util.function.Function<String, Long>> of(Cursors::after, Cursors::before)) {
            ProblemException refused = assertThrows(ProblemException.class, () -> read.apply(cursor), cursor);
            assertEquals(ProblemType.VALIDATION, refused.type());
            assertEquals(List.of(new Problem.Violation("cursor", "field.cursor-invalid")), refused.violations());
        }
    }
}
