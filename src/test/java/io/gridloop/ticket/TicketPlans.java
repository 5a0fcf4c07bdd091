package io.gridloop.ticket;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;

import io.gridloop.support.Plans;

/**
 * What the query-plan tests of the ticket lists share: a table large enough for the planner to prefer an
 * index, and the check that a plan reads ticket through its own indexes only.
 */
final class TicketPlans {

    private TicketPlans() {
    }

    /**
     * Adds 20 000 submitted tickets of 文新村第一网格 (negative ids) and analyses the table, inside the caller's
     * transaction, which the caller rolls back so that no other test sees them.
     */
    static void addTicketsOfOneGrid(EntityManager entityManager) {
        entityManager.createNativeQuery("""
                INSERT INTO ticket (id, district_id, number, kind, category_id, title, grid_id, grid_path,
                                    reporter_name, source, priority, status)
                SELECT -g, r.district_id, 'EXPLAIN-' || g, 'ISSUE', c.id, '批量', r.id, r.path, '批量',
                       'WALK_IN', 'NORMAL', 'SUBMITTED'
                  FROM generate_series(1, 20000) g
                  JOIN region r ON r.name = '文新村第一网格'
                  JOIN category c ON c.code = 'GARBAGE' AND c.district_id = r.district_id""").executeUpdate();
        entityManager.createNativeQuery("ANALYZE ticket").executeUpdate();
    }

    /** The plan reads ticket through an index of its own, never by a sequential scan. */
    static void assertIndexed(JsonNode plan) {
        List<String> scans = Plans.scans(plan);
        assertThat(plan.toPrettyString(), scans, not(hasItem("Seq Scan on ticket")));
        assertThat(plan.toPrettyString(), scans, hasItem(startsWith("Index")));
        assertThat(plan.toPrettyString(), scans.stream().filter(s -> s.startsWith("Index")).toList(),
                everyItem(containsString(" using ticket_")));
    }
}
