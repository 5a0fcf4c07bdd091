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

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Api;
import io.gridloop.support.Plans;
import io.gridloop.support.Sql;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The mini-program polls the inbox, so its page and its unread count must stay index scans however
 * many notifications the district holds: the queries MyNotifications runs are explained over 40 000
 * notifications of other accounts and 5 000 read ones of the caller, added in a transaction that is
 * rolled back so no other test sees them.
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
        Map<String, Object> page = Map.of("district", district, "me", me, "before", Long.MAX_VALUE, "limit", 21);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                update(connection, """
                        INSERT INTO notification (id, district_id, account_id, kind, text, created_at, read_at)
                        SELECT -g, a.district_id, a.ids[1 + g % cardinality(a.ids)], 'DISPATCHED', '批量', now(),
                               CASE WHEN g % 3 = 0 THEN NULL ELSE now() END
                          FROM generate_series(1, 40000) g,
                               (SELECT min(district_id) AS district_id, array_agg(id) AS ids FROM account WHERE id <> ?) a""",
                        me);
                update(connection, """
                        INSERT INTO notification (id, district_id, account_id, kind, text, created_at, read_at)
                        SELECT -100000 - g, ?, ?, 'RESOLVED', '已读', now(), CASE WHEN g > 4997 THEN NULL ELSE now() END
                          FROM generate_series(1, 5000) g""", district, me);
                update(connection, "ANALYZE notification");

                assertUses(plan(connection, MyNotifications.PAGE_SQL.formatted(""), page), "notification_inbox_idx");
                assertUses(plan(connection, MyNotifications.PAGE_SQL.formatted(MyNotifications.UNREAD_FILTER), page),
                        "notification_unread_idx");
                assertUses(plan(connection, MyNotifications.UNREAD_COUNT_SQL, Map.of("district", district, "me", me)),
                        "notification_unread_idx");
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private static void update(Connection connection, String sql, Object... arguments) throws Exception {
        try (PreparedStatement statement = Sql.prepare(connection, sql, arguments)) {
            statement.execute();
        }
    }

    /** EXPLAIN of a statement written with named parameters, as the service hands it to Hibernate. */
    private JsonNode plan(Connection connection, String sql, Map<String, Object> parameters) throws Exception {
        List<Object> arguments = new ArrayList<>();
        Matcher named = NAMED.matcher(sql);
        StringBuilder jdbc = new StringBuilder();
        while (named.find()) {
            arguments.add(parameters.get(named.group(1)));
            named.appendReplacement(jdbc, "?");
        }
        named.appendTail(jdbc);
        try (PreparedStatement explain = Sql.prepare(connection, "EXPLAIN (FORMAT JSON) " + jdbc, arguments.toArray());
                ResultSet rows = explain.executeQuery()) {
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
