package io.gridloop.shared.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** A request id the service makes is a random UUID of version 4, never the same twice. */
class RequestIdsTest {

    @Test
    void a_fresh_id_is_a_random_uuid_and_does_not_repeat() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            UUID id = RequestIds.fresh();
            assertEquals(4, id.version(), id.toString());
            assertEquals(2, id.variant(), id.toString());
            assertEquals(id, UUID.fromString(id.toString()));
            seen.add(id);
        }
        assertEquals(100_000, seen.size());
    }
}
