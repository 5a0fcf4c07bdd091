package io.gridloop.ticket;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.account.Accounts;
import io.gridloop.media.Attachments;
import io.gridloop.support.StatementCounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A ticket's view, which every action answers, reads its people's contacts and its uploads with statements that
 * PostgreSQL plans once per connection, not once per call (bound as single values, {@code Bulk.in}; an array
 * parameter of {@code = ANY} was planned again on every call). Counted with pg_stat_statements
 * ({@link StatementCounts}; skipped where the tests' user may not count planning), on one transaction's connection,
 * which reads only.
 */
@QuarkusTest
class TicketViewPlansTest {

    private static final int READS = 30;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    EntityManager entityManager;
    @Inject
    Accounts accounts;
    @Inject
    Attachments attachments;

    @Test
    void the_views_reads_of_one_ticket_are_planned_a_few_times_not_on_every_call() {
        long ticket = as("resident1").body(Map.of("categoryCode", "GARBAGE", "title", unique("视图计划-"))).post("/api/v1/tickets")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        Assumptions.assumeTrue(StatementCounts.available(dataSource), "pg_stat_statements is not loaded on this server");
        QuarkusTransaction.requiringNew().run(() -> {
            Assumptions.assumeTrue((Boolean) entityManager.createNativeQuery("SELECT usesuper FROM pg_user WHERE usename = current_user")
                    .getSingleResult(), "the tests' user may not count planning here");
            entityManager.createNativeQuery("SELECT set_config('pg_stat_statements.track_planning', 'on', true)").getSingleResult();
            long reporter = ((Number) entityManager.createNativeQuery("SELECT reporter_id FROM ticket WHERE id = :id")
                    .setParameter("id", ticket).getSingleResult()).longValue();
            long[] contactsBefore = counted("SELECT id, name, phone FROM account WHERE %");
            long[] uploadsBefore = counted("SELECT ticket_id, id FROM media WHERE %");
            for (int i = 0; i < READS; i++) {
                assertEquals(List.of(reporter), List.copyOf(accounts.contacts(List.of(reporter)).keySet()));
                assertTrue(attachments.ofTickets(List.of(ticket)).isEmpty());
            }
            assertFewPlans("contacts", contactsBefore, counted("SELECT id, name, phone FROM account WHERE %"));
            assertFewPlans("uploads", uploadsBefore, counted("SELECT ticket_id, id FROM media WHERE %"));
        });
    }

    /**
     * The driver sends the first few calls unprepared and PostgreSQL plans the first five of a prepared statement for
     * their values before it settles on one plan: a dozen plans at most, where planning on every call makes {@value #READS}.
     */
    private static void assertFewPlans(String read, long[] before, long[] after) {
        assertEquals(READS, after[0] - before[0], read + ": calls");
        assertTrue(after[1] - before[1] <= 12, read + ": planned " + (after[1] - before[1]) + " times for " + READS + " calls");
    }

    private long[] counted(String statement) {
        Object[] row = (Object[]) entityManager.createNativeQuery(
                "SELECT coalesce(sum(calls), 0), coalesce(sum(plans), 0) FROM pg_stat_statements WHERE query LIKE :statement")
                .setParameter("statement", statement).getSingleResult();
        return new long[] { ((Number) row[0]).longValue(), ((Number) row[1]).longValue() };
    }
}
