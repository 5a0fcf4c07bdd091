package io.gridloop.ticket;

import static io.gridloop.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The whole loop with the demo accounts, as README walks it. */
@QuarkusTest
class TicketLoopTest {

    static long file(String user, Map<String, Object> body) {
        return as(user).body(body).post("/api/v1/tickets").then().statusCode(201)
                .extract().<Number> path("id").longValue();
    }

    /**
     * Resident1's pooled ticket round the loop as the benchmark walks it (bench/loadgen): leader1 triages and pools it,
     * party1 claims, starts and resolves it, resident1 rates it SATISFIED, which closes it.
     */
    static void roundTheLoop(long id) {
        String ticket = "/api/v1/tickets/" + id;
        as("leader1").body(Map.of("matterClass", "MINOR")).post(ticket + "/triage").then().statusCode(200);
        as("leader1").body(Map.of("target", "POOL")).post(ticket + "/dispatch").then().statusCode(200);
        as("party1").body(Map.of()).post(ticket + "/claim").then().statusCode(200);
        as("party1").body(Map.of()).post(ticket + "/start").then().statusCode(200);
        as("party1").body(Map.of("resolution", "已联系保洁清运。")).post(ticket + "/resolve").then().statusCode(200);
        as("resident1").body(Map.of("rating", "SATISFIED", "solved", "SOLVED")).post(ticket + "/feedback").then()
                .statusCode(200).body("status", equalTo("CLOSED"));
    }

    static Map<String, Object> streetlight() {
        return Map.of("categoryCode", "STREETLIGHT", "title", "小区东门路灯不亮",
                "description", "东门口两盏路灯连续三晚不亮，夜里老人出行不便。",
                "location", Map.of("lat", 30.2025, "lng", 120.1025, "address", "幸福社区东门"));
    }

    @Test
    void a_resident_request_goes_round_the_loop_and_closes_on_a_good_rating() {
        long id = file("resident1", streetlight());
        as("resident1").get("/api/v1/tickets/" + id).then().statusCode(200)
                .body("status", equalTo("SUBMITTED"))
                .body("number", matchesPattern("GL-20\\d\\d-\\d{6}"))
                .body("source", equalTo("MINI_PROGRAM"))
                .body("categoryCode", equalTo("STREETLIGHT"));

        as("leader1").body(Map.of("matterClass", "MINOR", "priority", "HIGH", "note", "小区内路灯，社区处理"))
                .post("/api/v1/tickets/" + id + "/triage").then().statusCode(200).body("status", equalTo("TRIAGED"));
        as("leader1").body(Map.of("target", "POOL")).post("/api/v1/tickets/" + id + "/dispatch")
                .then().statusCode(200).body("status", equalTo("DISPATCHED")).body("assignee.target", equalTo("POOL"));
        as("party1").get("/api/v1/tickets/pool").then().statusCode(200).body("items.id", org.hamcrest.Matchers.hasItem((int) id));
        as("party3").get("/api/v1/tickets/pool").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem((int) id)));
        as("party1").body(Map.of()).post("/api/v1/tickets/" + id + "/claim").then().statusCode(200)
                .body("status", equalTo("CLAIMED"));
        as("party1").body(Map.of()).post("/api/v1/tickets/" + id + "/start").then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS"));
        as("party1").body(Map.of("resolution", "已联系物业更换灯泡，两盏路灯恢复照明。"))
                .post("/api/v1/tickets/" + id + "/resolve").then().statusCode(200).body("status", equalTo("RESOLVED"));
        // street lights need the leader's check before the resident is asked
        as("resident1").body(Map.of("rating", "SATISFIED", "solved", "SOLVED"))
                .post("/api/v1/tickets/" + id + "/feedback").then().statusCode(409);
        as("leader1").body(Map.of("passed", true)).post("/api/v1/tickets/" + id + "/verify").then().statusCode(200)
                .body("verifiedAt", org.hamcrest.Matchers.notNullValue());
        as("resident1").body(Map.of("rating", "SATISFIED", "solved", "SOLVED", "comment", "很快，谢谢"))
                .post("/api/v1/tickets/" + id + "/feedback").then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("rating", equalTo("SATISFIED"));

        List<String> actions = as("resident1").get("/api/v1/tickets/" + id + "/timeline").then().statusCode(200)
                .body("", hasSize(8)).extract().path("action");
        org.junit.jupiter.api.Assertions.assertEquals(
                List.of("file", "triage", "dispatch", "claim", "start", "resolve", "verify", "feedback"), actions);
    }

    @Test
    void a_personal_matter_is_answered_by_the_leader_at_once() {
        long id = file("resident2", Map.of("categoryCode", "POLICY_QUERY", "title", "退休人员医保报销比例咨询"));
        as("leader1").body(Map.of("matterClass", "PERSONAL")).post("/api/v1/tickets/" + id + "/triage").then().statusCode(200);
        as("leader1").body(Map.of("target", "POOL")).post("/api/v1/tickets/" + id + "/dispatch").then().statusCode(409);
        as("leader1").body(Map.of("resolution", "已告知：可携带社保卡到街道医保窗口办理，报销比例按本市规定。"))
                .post("/api/v1/tickets/" + id + "/resolve").then().statusCode(200).body("status", equalTo("RESOLVED"));
        as("resident2").body(Map.of("rating", "NOT_RATED", "solved", "PARTLY"))
                .post("/api/v1/tickets/" + id + "/feedback").then().statusCode(400);
        as("resident2").body(Map.of("rating", "BASICALLY_SATISFIED", "solved", "PARTLY"))
                .post("/api/v1/tickets/" + id + "/feedback").then().statusCode(200).body("status", equalTo("CLOSED"));
    }

    @Test
    void a_major_matter_goes_to_the_grids_contact_unit() {
        long id = file("resident1", Map.of("categoryCode", "SEWER_BLOCKED", "title", "3 号楼下水道堵塞外溢"));
        as("leader1").body(Map.of("matterClass", "MAJOR")).post("/api/v1/tickets/" + id + "/triage").then().statusCode(200);
        as("leader1").body(Map.of("target", "UNIT")).post("/api/v1/tickets/" + id + "/dispatch").then().statusCode(200)
                .body("assignee.target", equalTo("UNIT")).body("assignee.unitId", org.hamcrest.Matchers.notNullValue());
        as("party1").body(Map.of()).post("/api/v1/tickets/" + id + "/claim").then().statusCode(404);
        as("unit1").body(Map.of()).post("/api/v1/tickets/" + id + "/claim").then().statusCode(200)
                .body("status", equalTo("CLAIMED"));
        as("unit1").get("/api/v1/tickets/" + id).then().statusCode(200).body("reporter.phone", equalTo("13900000001"));
        as("secretary1").get("/api/v1/tickets/" + id).then().statusCode(200).body("reporter.phone", equalTo("139****0001"));
    }

    @Test
    void an_anonymous_ticket_hides_the_reporter_from_party_members() {
        Map<String, Object> body = new java.util.HashMap<>(streetlight());
        body.put("anonymous", true);
        long id = file("resident1", body);
        as("leader1").body(Map.of("target", "POOL")).post("/api/v1/tickets/" + id + "/dispatch").then().statusCode(200);
        as("party2").get("/api/v1/tickets/" + id).then().statusCode(200).body("reporter", nullValue());
        as("leader1").get("/api/v1/tickets/" + id).then().statusCode(200).body("reporter.name", equalTo("黄丽娟"))
                .body("reporter.phone", equalTo("139****0001"));
        as("resident2").get("/api/v1/tickets/" + id).then().statusCode(404);
    }
}
