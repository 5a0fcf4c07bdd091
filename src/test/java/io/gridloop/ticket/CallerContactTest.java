package io.gridloop.ticket;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.StatementCounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The caller's own name and phone come with the caller (read with its bindings), so a resident's filing shows
 * them without reading the account again; someone else's come from the accounts as before. Counted with
 * PostgreSQL's pg_stat_statements ({@link StatementCounts}).
 */
@QuarkusTest
class CallerContactTest {

    private static final String CONTACTS = "SELECT id, name, phone FROM account WHERE id %";

    @Inject
    EntityManager entityManager;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void a_resident_filing_shows_their_own_contact_without_reading_it_again() throws SQLException {
        StatementCounts.assumeCounted(dataSource);
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("SELECT pg_stat_statements_reset()").getSingleResult());
        long id = as("resident1").body(Map.of("categoryCode", "GARBAGE", "title", unique("自己的联系方式-"))).post("/api/v1/tickets")
                .then().statusCode(201).body("reporter.name", equalTo("黄丽娟")).body("reporter.phone", equalTo("13900000001"))
                .extract().jsonPath().getLong("id");
        assertEquals(0, contactReads(), "the filing read the caller's contact again");

        // someone else's contact is still read: the count above could have found one
        as("admin").get("/api/v1/tickets?limit=5").then().statusCode(200);
        assertTrue(contactReads() > 0, "the admin's page read no reporter's contact");
        as("admin").get("/api/v1/tickets/" + id).then().statusCode(200).body("reporter.name", equalTo("黄丽娟"));
    }

    private long contactReads() throws SQLException {
        return StatementCounts.counted(dataSource, CONTACTS).calls();
    }
}
