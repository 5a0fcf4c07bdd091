package io.gridloop.shared.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** How {@link Bulk#in} binds a column's values: a few one by one, more as one array (plain JUnit). */
class BulkTest {

    @Test
    void a_few_values_are_a_parameter_each() {
        Where.Jdbc one = Bulk.in("id", List.of(7L));
        assertEquals("id IN (?)", one.sql());
        assertArrayEquals(new Object[] { 7L }, one.parameters());
        List<Long> few = LongStream.rangeClosed(1, Bulk.FEW).boxed().toList();
        Where.Jdbc most = Bulk.in("t.id", few);
        assertEquals("t.id IN (" + "?, ".repeat(Bulk.FEW - 1) + "?)", most.sql());
        assertArrayEquals(few.toArray(), most.parameters());
    }

    @Test
    void more_are_one_array() {
        List<Long> many = LongStream.rangeClosed(1, Bulk.FEW + 1).boxed().toList();
        Where.Jdbc in = Bulk.in("ticket_id", many);
        assertEquals("ticket_id = ANY (?)", in.sql());
        assertEquals(1, in.parameters().length);
        assertArrayEquals(many.toArray(Long[]::new), (Long[]) in.parameters()[0]);
    }

    @Test
    void none_is_false_and_a_column_is_only_a_column() {
        Where.Jdbc none = Bulk.in("id", List.of());
        assertEquals("false", none.sql());
        assertEquals(0, none.parameters().length);
        assertThrows(IllegalArgumentException.class, () -> Bulk.in("id) OR (true", List.of(1L)));
    }
}
