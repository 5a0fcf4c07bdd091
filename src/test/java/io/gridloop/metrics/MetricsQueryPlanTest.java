package io.gridloop.metrics;

import static io.gridloop.support.Api.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridloop.support.Plans;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The summary's statements for a district over a month, on 40,000 tickets over three years with four
 * events each (inserted and rolled back): the tickets filed and the events of the period are read
 * through the period indexes of V12, not by a scan of the district. The two response statements
 * (due times and claims) read all the district's dispatches: that is what maintained aggregates must
 * take over at ten million tickets (docs/architecture.md, "How the figures stay exact").
 */
@QuarkusTest
class MetricsQueryPlanTest {

    @Inject
    MetricsQueries queries;

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper json;

    @Test
    void a_month_of_a_district_reads_its_tickets_and_events_through_the_period_indexes() throws Exception {
        // the model the bulk copies: a ticket of grid 1 as filed through the API
        as("resident1").body(Map.of("categoryCode", "GARBAGE", "title", "计划", "description", "样本")).post("/api/v1/tickets")
                .then().statusCode(201);
        QuarkusTransaction.begin();
        try {
            entityManager.createNativeQuery("""
                    INSERT INTO ticket (id, district_id, number, kind, category_id, title, grid_id, grid_path, reporter_name,
                                        source, priority, status, created_at, updated_at)
                    SELECT -g, t.district_id, 'PLAN-' || g, 'ISSUE', t.category_id, '计划', t.grid_id, t.grid_path, '测试',
                           'HOTLINE', 'NORMAL', 'CLOSED', timestamptz '2021-01-01' + g * interval '39 minutes',
                           timestamptz '2021-01-01' + g * interval '39 minutes'
                    FROM generate_series(1, 40000) g, (SELECT * FROM ticket ORDER BY id DESC LIMIT 1) t""").executeUpdate();
            entityManager.createNativeQuery("""
                    INSERT INTO ticket_event (id, ticket_id, district_id, action, to_status, details, created_at)
                    SELECT -(g * 4 + k), -g, t.district_id, (ARRAY['dispatch', 'claim', 'resolve', 'feedback'])[k], 'CLOSED',
                           CASE k WHEN 1 THEN jsonb_build_object('responseDueAt', t.created_at + interval '3 hours',
                                                                 'resolutionDueAt', t.created_at + interval '2 days')
                                  WHEN 4 THEN '{"rating": "SATISFIED", "solved": "SOLVED"}' END,
                           t.created_at + k * interval '1 hour'
                    FROM generate_series(1, 40000) g JOIN ticket t ON t.id = -g, generate_series(1, 4) k""").executeUpdate();
            entityManager.createNativeQuery("ANALYZE ticket").executeUpdate();
            entityManager.createNativeQuery("ANALYZE ticket_event").executeUpdate();
            long district = ((Number) entityManager.createNativeQuery("SELECT district_id FROM ticket WHERE id = -1")
                    .getSingleResult()).longValue();
            String path = (String) entityManager.createNativeQuery("SELECT path FROM region WHERE id = ?1")
                    .setParameter(1, district).getSingleResult();
            Period june = Period.of("2022-06-01", "2022-06-30", ZoneId.of("Asia/Shanghai"), 3660);
            List<MetricsQueries.Statement> statements = queries.summaryStatements(district, path, june, MetricsQueries.Buckets.WHOLE);
            List<String> expected = Arrays.asList("ticket_filed_idx", null, null, "ticket_event_period_idx", "ticket_event_period_idx",
                    "ticket_event_period_idx");
            for (int i = 0; i < statements.size(); i++) {
                if (expected.get(i) == null) {
                    continue;
                }
                MetricsQueries.Statement statement = statements.get(i);
                JsonNode plan = json.readTree((String) statement
                        .bind(entityManager.createNativeQuery("EXPLAIN (FORMAT JSON) " + statement.sql())).getSingleResult());
                List<String> scans = Plans.scans(plan);
                assertThat(plan.toPrettyString(), scans.stream().map(s -> s.replaceAll("^Index .* using ", "")).toList(), hasItem(expected.get(i)));
            }
        } finally {
            QuarkusTransaction.rollback();
        }
    }
}
