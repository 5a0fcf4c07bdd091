package io.gridloop.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The number a filing's statement draws ({@link TicketNumbers#DRAWN}): the year, and the sequence's value in at least
 * six digits, each value once. On a sequence of the test's own, in a transaction that is rolled back.
 */
@QuarkusTest
class TicketNumbersTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void a_number_is_the_year_and_at_least_six_digits_of_one_value() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                statement.execute("CREATE SEQUENCE ticket_number_test_drawn");
                List<String> drawn = new ArrayList<>();
                try (PreparedStatement draw = connection.prepareStatement("SELECT " + TicketNumbers.DRAWN)) {
                    draw.setInt(1, 2027);
                    draw.setString(2, "ticket_number_test_drawn");
                    drawn.add(one(draw));
                    statement.execute("SELECT setval('ticket_number_test_drawn', 999998)");
                    drawn.add(one(draw));
                    drawn.add(one(draw));
                    drawn.add(one(draw));
                }
                assertEquals(List.of("GL-2027-000001", "GL-2027-999999", "GL-2027-1000000", "GL-2027-1000001"), drawn);
            } finally {
                connection.rollback();
            }
        }
    }

    private static String one(PreparedStatement draw) throws SQLException {
        try (ResultSet row = draw.executeQuery()) {
            row.next();
            return row.getString(1);
        }
    }
}
