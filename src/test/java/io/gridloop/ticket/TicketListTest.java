package io.gridloop.ticket;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.gridloop.support.Catalog.category;
import static io.gridloop.support.Catalog.uniqueCode;
import static io.gridloop.ticket.TicketFixtures.GRID2_LAT;
import static io.gridloop.ticket.TicketFixtures.GRID2_LNG;
import static io.gridloop.ticket.TicketFixtures.account;
import static io.gridloop.ticket.TicketFixtures.action;
import static io.gridloop.ticket.TicketFixtures.community1;
import static io.gridloop.ticket.TicketFixtures.file;
import static io.gridloop.ticket.TicketFixtures.grid1;
import static io.gridloop.ticket.TicketFixtures.grid2;
import static io.gridloop.ticket.TicketFixtures.grid5;
import static io.gridloop.ticket.TicketFixtures.location;
import static io.gridloop.ticket.TicketFixtures.parentOf;
import static io.gridloop.ticket.TicketFixtures.ticket;
import static io.gridloop.ticket.TicketFixtures.walk;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Api;
import io.gridloop.support.Plans;
import io.gridloop.support.Problems;
import io.gridloop.shared.security.Binding;
import io.gridloop.shared.security.Role;
import io.gridloop.support.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** GET /api/v1/tickets (SPEC §2, §2a): the caller's scope and the filters, applied in SQL, paged by keyset. */
@QuarkusTest
class TicketListTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager entityManager;

    /** A category of its own, so a filter on it isolates this test's tickets from every other test's. */
    private static String newCategory() {
        String code = uniqueCode("LIST");
        as("admin").body(category(code)).post("/api/v1/categories").then().statusCode(201);
        return code;
    }

    private static JsonPath list(String username, Map<String, Object> filters) {
        return as(username).queryParams(filters).queryParam("limit", 100).get("/api/v1/tickets")
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<Long> ids(String username, Map<String, Object> filters) {
        return list(username, filters).getList("items.id", Number.class).stream().map(Number::longValue).toList();
    }

    private static Map<String, Object> located(String category, double lat, double lng) {
        Map<String, Object> body = ticket(category, unique("定位-"));
        body.put("location", location(lat, lng));
        return body;
    }

    @Test
    void each_filter_returns_only_matching_tickets() {
        String code = newCategory();
        long submitted = file("resident1", ticket(code, unique("已提交-")));
        long inGrid2 = file("resident1", located(code, GRID2_LAT, GRID2_LNG));
        Map<String, Object> wishBody = ticket(code, unique("微心愿-"));
        wishBody.put("kind", "WISH");
        long wish = file("resident1", wishBody);
        long claimed = file("resident1", ticket(code, unique("已认领-")));
        action("leader1", claimed, "dispatch", Map.of("target", "POOL")).then().statusCode(200);
        action("party1", claimed, "claim", Map.of()).then().statusCode(200);
        long otherCategory = file("resident1", ticket("GARBAGE", unique("别的分类-")));
        long elsewhere = file("resident3", ticket(code, unique("翠苑-")));

        assertEquals(List.of(claimed, wish, inGrid2, submitted), ids("secretary1", Map.of("categoryCode", code)));
        assertEquals(List.of(claimed), ids("secretary1", Map.of("categoryCode", code, "status", "CLAIMED")));
        assertEquals(List.of(wish, inGrid2, submitted), ids("secretary1", Map.of("categoryCode", code, "status", "SUBMITTED")));
        assertEquals(List.of(inGrid2), ids("secretary1", Map.of("categoryCode", code, "gridId", grid2())));
        assertEquals(List.of(claimed, wish, submitted), ids("secretary1", Map.of("categoryCode", code, "gridId", grid1())));
        assertEquals(List.of(wish), ids("secretary1", Map.of("categoryCode", code, "kind", "WISH")));
        assertEquals(List.of(claimed, inGrid2, submitted), ids("secretary1", Map.of("categoryCode", code, "kind", "ISSUE")));
        assertEquals(List.of(claimed), ids("party1", Map.of("categoryCode", code, "assignee", "me")));
        assertEquals(List.of(elsewhere, claimed, wish, inGrid2, submitted), ids("admin", Map.of("categoryCode", code)));
        assertEquals(List.of(claimed, wish, inGrid2, submitted),
                ids("admin", Map.of("categoryCode", code, "regionId", community1())));
        assertEquals(List.of(inGrid2), ids("admin", Map.of("categoryCode", code, "regionId", grid2())));
        assertEquals(List.of(elsewhere), ids("admin", Map.of("categoryCode", code, "regionId", parentOf(grid5()))));
        assertThat(ids("secretary1", Map.of("categoryCode", "GARBAGE")), hasItem(otherCategory));
        assertThat(ids("secretary1", Map.of("categoryCode", "GARBAGE")), not(hasItem(submitted)));

        // each filter alone, over whatever else the run has filed
        assertThat(list("secretary1", Map.of("status", "CLAIMED")).getList("items.status"), everyItem(equalTo("CLAIMED")));
        assertThat(list("secretary1", Map.of("kind", "WISH")).getList("items.kind"), everyItem(equalTo("WISH")));
        assertThat(list("admin", Map.of("gridId", grid2())).getList("items.gridId", Number.class).stream()
                .map(Number::longValue).toList(), everyItem(equalTo(grid2())));
        assertThat(list("admin", Map.of("regionId", community1())).getList("items.gridId", Number.class).stream()
                .map(Number::longValue).toList(), everyItem(in(List.of(grid1(), grid2()))));
        assertThat(list("admin", Map.of("categoryCode", "GARBAGE")).getList("items.categoryCode"), everyItem(equalTo("GARBAGE")));
        long party1 = Api.accountId("party1");
        assertThat(list("party1", Map.of("assignee", "me")).getList("items.assignee.accountId", Number.class).stream()
                .map(Number::longValue).toList(), everyItem(equalTo(party1)));
    }

    @Test
    void an_unknown_filter_value_is_400_and_a_region_of_nowhere_is_400() {
        Problems.problem(as("secretary1").queryParam("status", "DONE").get("/api/v1/tickets"), 400, "bad-request");
        assertEquals(List.of("assignee"), Problems.problem(as("secretary1").queryParam("assignee", "someone")
                .get("/api/v1/tickets"), 400, "validation").getList("violations.field"));
        JsonPath problem = Problems.problem(as("secretary1").queryParam("regionId", 999_999).get("/api/v1/tickets"),
                400, "validation");
        assertEquals(List.of("regionId"), problem.getList("violations.field"));
    }

    @Test
    void keyset_pages_of_two_walk_every_visible_ticket_once_newest_first() {
        String resident = account("resident", "RESIDENT", grid1());
        List<Long> filed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            filed.add(file(resident, ticket("GARBAGE", unique("翻页-" + i + "-"))));
        }

        JsonPath first = as(resident).queryParam("limit", 2).get("/api/v1/tickets").then().statusCode(200).extract().jsonPath();
        String cursor = first.getString("nextCursor");
        assertThat(cursor, notNullValue());
        assertFalse(cursor.contains(String.valueOf(filed.get(3))), "the cursor is opaque, not the last id: " + cursor);

        List<Long> newestFirst = new ArrayList<>(filed);
        Collections.reverse(newestFirst);
        assertEquals(newestFirst, walk(resident, Map.of(), 2));
        List<OffsetDateTime> times = list(resident, Map.of()).getList("items.createdAt", String.class).stream()
                .map(OffsetDateTime::parse).toList();
        for (int i = 1; i < times.size(); i++) {
            assertFalse(times.get(i).isAfter(times.get(i - 1)), "newest first: " + times);
        }

        String code = newCategory();
        for (int i = 0; i < 3; i++) {
            file("resident1", ticket(code, unique("翻页-")));
            file("resident2", ticket(code, unique("翻页-")));
        }
        List<Long> all = ids("secretary1", Map.of("categoryCode", code));
        assertEquals(6, all.size());
        assertEquals(all, walk("secretary1", Map.of("categoryCode", code), 2));
        assertEquals(all, walk("secretary1", Map.of("categoryCode", code), 4));
        assertEquals(new HashSet<>(all).size(), all.size());
    }

    @Test
    void a_forged_cursor_is_400_on_cursor() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        for (String cursor : List.of("not-a-cursor!", "%%%", base64.encodeToString("x42".getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString("k42abc".getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString("k".getBytes(StandardCharsets.UTF_8)))) {
            JsonPath problem = Problems.problem(as("secretary1").queryParam("cursor", cursor).get("/api/v1/tickets"),
                    400, "validation");
            assertEquals(List.of("cursor"), problem.getList("violations.field"), cursor);
        }
    }

    @Test
    void a_resident_sees_only_their_own_tickets_even_when_filtering_by_grid() {
        long mine = file("resident1", ticket("GARBAGE", unique("我的-")));
        long resident2 = Api.accountId("resident2");

        for (Map<String, Object> filters : List.of(Map.<String, Object> of(), Map.<String, Object> of("gridId", grid1()),
                Map.<String, Object> of("regionId", community1()), Map.<String, Object> of("categoryCode", "GARBAGE"))) {
            JsonPath page = list("resident2", filters);
            assertThat(filters.toString(), page.getList("items.id", Number.class).stream().map(Number::longValue).toList(),
                    not(hasItem(mine)));
            assertThat(filters.toString(), page.getList("items.reporter.accountId", Number.class).stream()
                    .map(Number::longValue).toList(), everyItem(equalTo(resident2)));
        }
        assertThat(walk("resident2", Map.of(), 100), not(hasItem(mine)));
        Problems.problem(as("resident2").get("/api/v1/tickets/" + mine), 404, "not-found");
        assertThat(ids("resident1", Map.of("gridId", grid1())), hasItem(mine));
    }

    @Test
    void a_grid_leader_sees_their_grid_and_a_secretary_their_community_but_no_further() {
        String code = newCategory();
        long inGrid1 = file("resident1", ticket(code, unique("一网格-")));
        long inGrid2 = file("resident2", located(code, GRID2_LAT, GRID2_LNG));
        long inGrid5 = file("resident3", ticket(code, unique("五网格-")));
        as("resident3").get("/api/v1/tickets/" + inGrid5).then().statusCode(200).body("gridId", equalTo((int) grid5()));

        assertEquals(List.of(inGrid1), ids("leader1", Map.of("categoryCode", code)));
        assertThat(ids("leader1", Map.of("gridId", grid5())), empty());
        assertThat(ids("leader1", Map.of("regionId", parentOf(grid5()))), empty());
        Problems.problem(as("leader1").get("/api/v1/tickets/" + inGrid5), 404, "not-found");
        Problems.problem(as("leader1").get("/api/v1/tickets/" + inGrid2), 404, "not-found");

        assertEquals(List.of(inGrid2, inGrid1), ids("secretary1", Map.of("categoryCode", code)));
        assertThat(list("secretary1", Map.of()).getList("items.gridId", Number.class).stream().map(Number::longValue).toList(),
                everyItem(in(List.of(grid1(), grid2()))));
        Problems.problem(as("secretary1").get("/api/v1/tickets/" + inGrid5), 404, "not-found");
        assertEquals(List.of(inGrid5), ids("admin", Map.of("categoryCode", code, "gridId", grid5())));
    }

    @Test
    void party_members_see_the_pooled_tickets_of_their_community_only() {
        String code = newCategory();
        String secretary3 = account("secretary3", "COMMUNITY_ADMIN", parentOf(grid5()));
        long pooledHere = file("resident1", ticket(code, unique("池中-")));
        action("leader1", pooledHere, "dispatch", Map.of("target", "POOL")).then().statusCode(200);
        long pooledGrid2 = file("resident2", located(code, GRID2_LAT, GRID2_LNG));
        action("secretary1", pooledGrid2, "dispatch", Map.of("target", "POOL")).then().statusCode(200);
        long notDispatched = file("resident1", ticket(code, unique("未派-")));
        long toMember = file("resident1", ticket(code, unique("派给网格员-")));
        action("leader1", toMember, "dispatch", Map.of("target", "ACCOUNT", "assigneeId", Api.accountId("gridmember1")))
                .then().statusCode(200);
        long pooledThere = file("resident3", ticket(code, unique("翠苑池中-")));
        action(secretary3, pooledThere, "dispatch", Map.of("target", "POOL")).then().statusCode(200);

        assertEquals(List.of(pooledGrid2, pooledHere), ids("party1", Map.of("categoryCode", code)));
        assertEquals(List.of(pooledGrid2, pooledHere), ids("party2", Map.of("categoryCode", code)));
        assertEquals(List.of(pooledThere), ids("party3", Map.of("categoryCode", code)));
        for (long hidden : List.of(notDispatched, toMember, pooledThere)) {
            Problems.problem(as("party1").get("/api/v1/tickets/" + hidden), 404, "not-found");
        }
        Problems.problem(as("party3").get("/api/v1/tickets/" + pooledHere), 404, "not-found");
        assertThat(ids("party1", Map.of()), not(hasItems(notDispatched)));
        assertThat(list("party1", Map.of()).getList("items.gridId", Number.class).stream().map(Number::longValue).toList(),
                everyItem(in(List.of(grid1(), grid2()))));
    }

    @Test
    void a_ticket_is_sent_with_its_version_as_etag() {
        long id = file("resident1", ticket("GARBAGE", unique("版本-")));

        as("resident1").get("/api/v1/tickets/" + id).then().statusCode(200).header("ETag", "\"0\"").body("version", equalTo(0));
        action("leader1", id, "triage", Map.of("matterClass", "MINOR")).then().statusCode(200).header("ETag", "\"1\"");
        var response = as("leader1").get("/api/v1/tickets/" + id);
        response.then().statusCode(200).header("ETag", "\"1\"");
        assertEquals("\"" + response.jsonPath().getLong("version") + "\"", response.header("ETag"));
    }

    /**
     * The list statement, as TicketQueries builds and binds it for a grid leader, a resident and a
     * secretary with a status filter, is answered from an index of ticket once the table is large:
     * 20 000 tickets of another community are added inside a transaction that is rolled back, so no
     * other test sees them.
     */
    @Test
    void the_scoped_list_query_uses_an_index_of_ticket_on_a_large_table() {
        long district = as("admin").get("/api/v1/me").then().extract().<Number> path("account.districtId").longValue();
        String grid1Path = (String) Sql.column(dataSource, "SELECT path FROM region WHERE id = ?", grid1()).get(0);
        String communityPath = (String) Sql.column(dataSource, "SELECT path FROM region WHERE id = ?", community1()).get(0);
        long leader = Api.accountId("leader1");
        long resident = Api.accountId("resident1");
        long secretary = Api.accountId("secretary1");
        QuarkusTransaction.begin();
        try {
            TicketPlans.addTicketsOfOneGrid(entityManager);
            TicketPlans.assertIndexed(plan(district, leader, List.of(new Binding(Role.GRID_LEADER, grid1(), grid1Path, null)), null));
            TicketPlans.assertIndexed(plan(district, resident, List.of(new Binding(Role.RESIDENT, grid1(), grid1Path, null)), null));
            TicketPlans.assertIndexed(plan(district, secretary, List.of(new Binding(Role.COMMUNITY_ADMIN, community1(), communityPath, null)),
                    TicketStatus.DISPATCHED));
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    /**
     * The overdue list is led by the tickets waiting to be claimed or in work (V29's index), not a walk of
     * the newest tickets: of 20,000 tickets of
     * one grid, only the oldest 400 are dispatched and overdue, and a walk priced as if they were spread
     * evenly would read the 19,600 newer ones first.
     */
    @Test
    void the_overdue_list_is_led_by_the_tickets_waiting_or_in_work() {
        long district = as("admin").get("/api/v1/me").then().extract().<Number> path("account.districtId").longValue();
        String grid1Path = (String) Sql.column(dataSource, "SELECT path FROM region WHERE id = ?", grid1()).get(0);
        long leader = Api.accountId("leader1");
        QuarkusTransaction.begin();
        try {
            TicketPlans.addTicketsOfOneGrid(entityManager);
            entityManager.createNativeQuery("UPDATE ticket SET status = 'DISPATCHED', response_due_at = now() - interval '1 day'"
                    + " WHERE id <= -19601").executeUpdate();
            entityManager.createNativeQuery("ANALYZE ticket").executeUpdate();
            JsonNode plan = filteredPlan(district, leader, List.of(new Binding(Role.GRID_LEADER, grid1(), grid1Path, null)),
                    new TicketQueries.Filter(null, null, null, null, null, false, true, null, null));
            TicketPlans.assertIndexed(plan);
            // the lead is the 400 waiting or in work, through V29's index; the tickets are looked up by id, not walked
            assertThat(plan.toPrettyString(), Plans.scans(plan), hasItem(endsWith(" using ticket_waiting_or_in_work_idx")));
            assertFalse(walksBackward(plan.get(0).get("Plan"), "ticket_pkey"), plan.toPrettyString());
            assertThat(plan.toPrettyString(), Plans.scans(plan), hasItem("Index Index Scan using ticket_pkey"));
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    /**
     * "Assigned to me" walks the assignee's index newest first. Written beside the scope's OR, which holds it too, it
     * was priced with it as a handful of rows, so PostgreSQL fetched every ticket the member ever had and sorted them:
     * at ten million tickets the busiest member's 9,810, 47 ms at p50. Here a member has 1,000 of 20,000.
     */
    @Test
    void the_list_assigned_to_me_walks_the_assignees_index_in_order() {
        long district = as("admin").get("/api/v1/me").then().extract().<Number> path("account.districtId").longValue();
        String grid1Path = (String) Sql.column(dataSource, "SELECT path FROM region WHERE id = ?", grid1()).get(0);
        long member = Api.accountId("gridmember1");
        QuarkusTransaction.begin();
        try {
            TicketPlans.addTicketsOfOneGrid(entityManager);
            entityManager.createNativeQuery("UPDATE ticket SET status = 'IN_PROGRESS', assignee_id = :member WHERE id <= -19001")
                    .setParameter("member", member).executeUpdate();
            entityManager.createNativeQuery("ANALYZE ticket").executeUpdate();
            JsonNode plan = filteredPlan(district, member, List.of(new Binding(Role.GRID_MEMBER, grid1(), grid1Path, null)),
                    new TicketQueries.Filter(null, null, null, null, null, true, null, null, null));
            TicketPlans.assertIndexed(plan);
            assertThat(plan.toPrettyString(), Plans.scans(plan), hasItem(endsWith(" using ticket_assignee_idx")));
            assertThat(plan.toPrettyString(), plan.toString(), not(containsString("\"Node Type\":\"Sort\"")));
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    private static boolean walksBackward(JsonNode node, String index) {
        if (index.equals(node.path("Index Name").asText()) && "Backward".equals(node.path("Scan Direction").asText())) {
            return true;
        }
        for (JsonNode child : node.path("Plans")) {
            if (walksBackward(child, index)) {
                return true;
            }
        }
        return false;
    }

    private JsonNode plan(long district, long me, List<Binding> bindings, TicketStatus status) {
        return filteredPlan(district, me, bindings, new TicketQueries.Filter(status, null, null, null, null, false, null, null, null));
    }

    private JsonNode filteredPlan(long district, long me, List<Binding> bindings, TicketQueries.Filter filter) {
        TicketQueries.Statement list = TicketQueries.listStatement(entityManager, district, me, TicketScope.visibleTo(me, bindings),
                filter, null, null, OffsetDateTime.now(), 20, Long.MAX_VALUE);
        String explained = (String) list.where().bind(entityManager.createNativeQuery("EXPLAIN (FORMAT JSON) " + list.sql()))
                .getSingleResult();
        try {
            return json.readTree(explained);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
