package io.gridloop.ticket;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.gridloop.ticket.TicketFixtures.pooled;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** {@link TicketRows}: every column of the table, read as the ORM reads it, and an UPDATE of what an action changed. */
@QuarkusTest
class TicketRowsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EntityManager entityManager;

    @Test
    void every_column_of_the_ticket_table_is_read_and_written() {
        List<Object> table = Sql.column(dataSource, "SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = 'ticket'");
        assertEquals(new TreeSet<>(table), new TreeSet<>(TicketRows.columns()));
        assertEquals(table.size(), TicketRows.columns().size());
    }

    @Test
    void a_ticket_read_by_jdbc_holds_what_the_orm_reads() throws Exception {
        long id = pooled("GARBAGE", unique("逐列-"));
        as("party1").body(Map.of()).post("/api/v1/tickets/" + id + "/claim").then().statusCode(200);
        as("party1").body(Map.of("resolution", "已清理")).post("/api/v1/tickets/" + id + "/resolve").then().statusCode(200);

        Ticket loaded = QuarkusTransaction.requiringNew().call(() -> entityManager.find(Ticket.class, id));
        assertArrayEquals(comparable(TicketRows.values(loaded)), comparable(TicketRows.values(read(id))));
    }

    @Test
    void an_action_updates_the_columns_it_changed_and_the_version_where_the_version_read_still_holds() throws Exception {
        Ticket ticket = read(pooled("GARBAGE", unique("只改所改-")));
        long version = ticket.version;

        TicketRows.Change unchanged = TicketRows.change(ticket);
        assertEquals("UPDATE ticket SET version = ? WHERE id = ? AND version = ?", unchanged.sql());
        assertEquals(List.of(version + 1, ticket.id, version), Arrays.asList(unchanged.parameters()));

        OffsetDateTime now = OffsetDateTime.parse("2026-12-06T08:00:00+08:00");
        ticket.claimBy(42, now);
        TicketRows.Change claimed = TicketRows.change(ticket);
        assertEquals("UPDATE ticket SET status = ?, assignee_id = ?, claimed_at = ?, version = ? WHERE id = ? AND version = ?",
                claimed.sql());
        assertEquals(List.of("CLAIMED", 42L, now, version + 1, ticket.id, version), Arrays.asList(claimed.parameters()));

        TicketRows.written(ticket, claimed);
        assertEquals(version + 1, ticket.version);
        assertEquals("UPDATE ticket SET version = ? WHERE id = ? AND version = ?", TicketRows.change(ticket).sql());
    }

    private Ticket read(long id) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = Sql.prepare(connection, "SELECT " + TicketRows.SELECTED + " FROM ticket t WHERE t.id = ?", id);
                ResultSet row = statement.executeQuery()) {
            row.next();
            return TicketRows.read(row);
        }
    }

    /** Instants as instants, whatever offset each reader gave them. */
    private static Object[] comparable(Object[] values) {
        return Arrays.stream(values).map(v -> v instanceof OffsetDateTime t ? t.toInstant() : v).toArray();
    }
}
