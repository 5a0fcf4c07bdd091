package io.gridloop.inbox;

import static io.gridloop.inbox.InboxFixtures.districtId;
import static io.gridloop.inbox.InboxFixtures.resident;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.support.Api;
import io.gridloop.support.Plans;
import io.gridloop.support.Sql;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The mini-program polls the inbox, so its page and its unread count must stay index scans however
 * many notifications the district holds: the very statements MyNotifications runs (its constants,
 * with the values it binds: the first page, a page further down from a cursor, one row more than the
 * default limit) are explained over 45 000 notifications, one in ninety the caller's (500, of which
 * the four oldest are unread), interleaved by id as time interleaves them. They are added in a
 * transaction that is rolled back, so no other test sees them. Each statement is explained with its
 * values, and again as a prepared statement after five executions, when PostgreSQL decides whether
 * to keep planning it per execution or switch to a generic plan (the JDBC driver prepares a
 * statement on the server once it has run five times on a connection).
 */
@QuarkusTest
class InboxQueryPlanTest {

    private static final Pattern NAMED = Pattern.compile("(?<!:):([A-Za-z_][A-Za-z0-9_]*)");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Test
    void the_inbox_page_and_the_unread_count_use_the_notification_indexes_on_a_large_table() throws Exception {
        long me = Api.accountId(resident());
        long district = districtId();
        long middle = -22_500;
        Map<String, Object> first = page(district, me, Cursors.before(null));
        Map<String, Object> further = page(district, me, Cursors.before(Cursors.encode(middle)));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                update(connection, """
                        INSERT INTO notification (id, district_id, account_id, kind, text, created_at, read_at)
                        SELECT -g, CASE WHEN g % 90 = 0 THEN ? ELSE a.district_id END,
                               CASE WHEN g % 90 = 0 THEN ? ELSE a.ids[1 + g % cardinality(a.ids)] END,
                               'DISPATCHED', '批量', now(),
                               CASE WHEN g % 90 = 0 AND g > 44700 OR g % 90 <> 0 AND g % 3 = 0 THEN NULL ELSE now() END
                          FROM generate_series(1, 45000) g,
                               (SELECT min(district_id) AS district_id, array_agg(id) AS ids FROM account WHERE id <> ?) a""",
                        district, me, me);
                update(connection, "ANALYZE notification");

                for (Map<String, Object> page : List.of(first, further)) {
                    assertUses(connection, MyNotifications.PAGE_SQL.formatted(""), page, "notification_inbox_idx");
                    assertUses(connection, MyNotifications.PAGE_SQL.formatted(MyNotifications.UNREAD_FILTER), page,
                            "notification_unread_idx");
                }
                assertUses(connection, MyNotifications.UNREAD_COUNT_SQL, Map.of("district", district, "me", me),
                        "notification_unread_idx");
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    /** The parameters MyNotifications.page binds: one row more than the default page, to tell whether more follow. */
    private static Map<String, Object> page(long district, long me, long before) {
        return Map.of("district", district, "me", me, "before", before, "limit", Cursors.DEFAULT_LIMIT + 1);
    }

    private static void update(Connection connection, String sql, Object... arguments) throws Exception {
        try (PreparedStatement statement = Sql.prepare(connection, sql, arguments)) {
            statement.execute();
        }
    }

    /**
     * The statement uses the index as PostgreSQL plans it for these values, sent as the driver sends it
     * at first, and again as a prepared statement on the server after five executions, when the
     * planner may have replaced it by a generic plan for any values (for the page, with the values
     * unknown, that would be a backward scan of the primary key filtered by account).
     */
    private void assertUses(Connection connection, String sql, Map<String, Object> parameters, String index) throws Exception {
        List<Object> arguments = new ArrayList<>();
        List<String> names = new ArrayList<>();
        StringBuilder bound = new StringBuilder();
        StringBuilder numbered = new StringBuilder();
        Matcher named = NAMED.matcher(sql);
        while (named.find()) {
            String name = named.group(1);
            arguments.add(parameters.get(name));
            named.appendReplacement(bound, "?");
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        named.appendTail(bound);
        named.reset();
        while (named.find()) {
            named.appendReplacement(numbered, "\\$" + (names.indexOf(named.group(1)) + 1));
        }
        named.appendTail(numbered);
        assertUses(explain(connection, "EXPLAIN (FORMAT JSON) " + bound, arguments.toArray()), index);
        // the values are numbers, written into EXECUTE as they are
        String execute = "EXECUTE inbox_statement(" + names.stream().map(name -> String.valueOf((Number) parameters.get(name)))
                .collect(Collectors.joining(", ")) + ")";
        update(connection, "PREPARE inbox_statement AS " + numbered);
        try {
            for (int run = 0; run < 5; run++) {
                update(connection, execute);
            }
            assertUses(explain(connection, "EXPLAIN (FORMAT JSON) " + execute), index);
        } finally {
            update(connection, "DEALLOCATE inbox_statement");
        }
    }

    private JsonNode explain(Connection connection, String explain, Object... arguments) throws Exception {
        try (PreparedStatement statement = Sql.prepare(connection, explain, arguments); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return json.readTree(rows.getString(1));
        }
    }

    private static void assertUses(JsonNode plan, String index) {
        List<String> scans = Plans.scans(plan);
        assertThat(plan.toPrettyString(), scans, not(hasItem("Seq Scan on notification")));
        assertThat(plan.toPrettyString(), scans.stream().filter(s -> s.startsWith("Index")).toList(),
                hasItem(endsWith(" using " + index)));
    }
}
