package io.gridloop.ticket;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

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
 * ({@link StatementCounts}; skipped where the tests' user may not count planning), the reads on one transaction's
 * connection, which reads only.
 */
@QuarkusTest
class TicketViewPlansTest {

    private static final int READS = 30;
    private static final String CONTACTS = "SELECT id, name, phone FROM account WHERE %";
    private static final String UPLOADS = "SELECT ticket_id, id FROM media WHERE %";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    EntityManager entityManager;
    @Inject
    Accounts accounts;
    @Inject
    Attachments attachments;

    @Test
    void the_views_reads_of_one_ticket_are_planned_a_few_times_not_on_every_call() throws SQLException {
        long ticket = as("resident1").body(Map.of("categoryCode", "GARBAGE", "title", unique("视图计划-"))).post("/api/v1/tickets")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        StatementCounts.assumePlansCounted(dataSource);
        StatementCounts.Counted contactsBefore = StatementCounts.counted(dataSource, CONTACTS);
        StatementCounts.Counted uploadsBefore = StatementCounts.counted(dataSource, UPLOADS);
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("SELECT set_config('pg_stat_statements.track_planning', 'on', true)").getSingleResult();
            long reporter = ((Number) entityManager.createNativeQuery("SELECT reporter_id FROM ticket WHERE id = :id")
                    .setParameter("id", ticket).getSingleResult()).longValue();
            for (int i = 0; i < READS; i++) {
                assertEquals(List.of(reporter), List.copyOf(accounts.contacts(List.of(reporter)).keySet()));
                assertTrue(attachments.ofTickets(List.of(ticket)).isEmpty());
            }
        });
        assertFewPlans("contacts", StatementCounts.counted(dataSource, CONTACTS).since(contactsBefore));
        assertFewPlans("uploads", StatementCounts.counted(dataSource, UPLOADS).since(uploadsBefore));
    }

    /**
     * The driver sends the first few calls unprepared and PostgreSQL plans the first five of a prepared statement for
     * their values before it settles on one plan: a dozen plans at most, where planning on every call makes {@value #READS}.
     */
    private static void assertFewPlans(String read, StatementCounts.Counted counted) {
        assertEquals(READS, counted.calls(), read + ": calls");
        assertTrue(counted.plans() <= 12, read + ": planned " + counted.plans() + " times for " + READS + " calls");
    }
}
