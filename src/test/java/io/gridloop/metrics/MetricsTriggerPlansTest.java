package io.gridloop.metrics;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.StatementCounts;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The counters' trigger runs the statements of the actions at hand only (V41), and plans them once per connection
 * (V39), not once per event, whatever the transaction asks for: counted with pg_stat_statements
 * ({@link StatementCounts}; skipped where the tests' user may not count planning). The events are inserted in a
 * transaction that is rolled back.
 */
@QuarkusTest
class MetricsTriggerPlansTest {

    /** The statements of a dispatch's count (V41): its facts, and adding them up. */
    private static final String FACTS = "facts := facts || ARRAY(%ROW(e.district_id%";
    private static final String ADDING_UP = "INSERT INTO metrics_counter_pending%unnest(facts)%";
    /** The facts of any counted action (a dispatch's, a claim's, a resolution's, a rating's: LIKE's _ is any one letter). */
    private static final String ANY_FACTS = "facts := facts || ARRAY(%ROW(_.district_id%";
    private static final int EVENTS = 12;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void a_dispatch_after_the_first_is_counted_by_its_own_statements_without_planning_them_again() throws Exception {
        long ticket = as("resident1").body(Map.of("categoryCode", "GARBAGE", "title", unique("计划一次-"))).post("/api/v1/tickets")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        StatementCounts.assumePlansCounted(dataSource);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                statement.execute("SET LOCAL pg_stat_statements.track = 'all'");
                statement.execute("SET LOCAL pg_stat_statements.track_planning = on");
                // whether the default mode plans again depends on the tables' statistics (on these small tables the cache
                // settles on the generic plan by itself; on a district's it did not): the transaction asks for plans made
                // for its values, as one of CustomPlans does, and the trigger's own setting must still hold
                statement.execute("SET LOCAL plan_cache_mode = force_custom_plan");
                dispatch(statement, ticket);   // the connection's first: its plan is made here, if not before
                StatementCounts.Counted factsBefore = StatementCounts.counted(dataSource, FACTS);
                StatementCounts.Counted addingUpBefore = StatementCounts.counted(dataSource, ADDING_UP);
                StatementCounts.Counted anyBefore = StatementCounts.counted(dataSource, ANY_FACTS);
                for (int i = 0; i < EVENTS; i++) {
                    dispatch(statement, ticket);
                }
                for (var counted : Map.of("the facts", StatementCounts.counted(dataSource, FACTS).since(factsBefore),
                        "adding them up", StatementCounts.counted(dataSource, ADDING_UP).since(addingUpBefore)).entrySet()) {
                    assertEquals(EVENTS, counted.getValue().calls(), counted.getKey() + ": ran once per dispatch");
                    assertTrue(counted.getValue().plans() <= 1,
                            counted.getKey() + ": planned " + counted.getValue().plans() + " times for " + EVENTS + " dispatches");
                }
                assertEquals(EVENTS, StatementCounts.counted(dataSource, ANY_FACTS).since(anyBefore).calls(),
                        "a dispatch runs none of the other actions' statements");
            } finally {
                connection.rollback();
            }
        }
    }

    private static void dispatch(Statement statement, long ticket) throws SQLException {
        statement.executeUpdate("INSERT INTO ticket_event (id, ticket_id, district_id, action, from_status, to_status, details,"
                + " created_at) SELECT nextval('ticket_event_seq'), t.id, t.district_id, 'dispatch', 'TRIAGED', 'DISPATCHED',"
                + " jsonb_build_object('responseDueAt', now() + interval '1 day', 'resolutionDueAt', now() + interval '3 days'),"
                + " now() FROM ticket t WHERE t.id = " + ticket);
    }
}
