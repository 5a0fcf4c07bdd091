package io.gridloop.member;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.media.MediaContract;
import io.gridloop.media.Photos;
import io.gridloop.support.Api;
import io.gridloop.support.Problems;
import io.gridloop.support.Sql;
import io.gridloop.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** SPEC §1.2, §1.9: 双报到, posts and commitments, volunteer hours, the member's card and ledger. */
@QuarkusTest
public class MemberTest {

    private static final String PHONE = "13912345678";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    private static long region(String username) {
        return as(username).get("/api/v1/me").then().statusCode(200).extract().<Number> path("regions[0].id").longValue();
    }

    /** A new account of the district with one role (password "gridloop"); its username. */
    private static String account(String role, long regionId) {
        String username = unique("member.");
        as("admin").body(Map.of("username", username, "password", Api.PASSWORD, "name", "党员" + username.substring(7, 12),
                "phone", PHONE, "roles", List.of(Map.of("role", role, "regionId", regionId)), "mustChangePassword", false))
                .post("/api/v1/accounts").then().statusCode(201);
        return username;
    }

    private static Response register(String username, long community) {
        return as(username).body(Map.of("communityId", community, "partyOrganisation", "区城市管理局机关党支部"))
                .post("/api/v1/members/" + Api.accountId(username) + "/registrations");
    }

    /** A resident of grid 1 who registered with community 1 and whom secretary1 confirmed; their username. */
    public static String member() {
        String username = account("RESIDENT", region("leader1"));
        long registration = register(username, region("secretary1")).then().statusCode(201).extract().<Number> path("id")
                .longValue();
        as("secretary1").body(Map.of("confirmed", true)).post("/api/v1/member-registrations/" + registration + "/decision")
                .then().statusCode(200).body("status", equalTo("CONFIRMED"));
        return username;
    }

    private static String card(String member) {
        return "/api/v1/members/" + Api.accountId(member);
    }

    @Test
    void a_registration_confirmed_by_the_community_admin_makes_a_party_member_of_the_community() {
        String username = account("RESIDENT", region("leader1"));
        long community = region("secretary1");
        long otherCommunity = as("admin").get("/api/v1/regions/" + region("resident3")).then().statusCode(200).extract()
                .<Number> path("parentId").longValue();
        String otherAdmin = account("COMMUNITY_ADMIN", otherCommunity);
        Response created = register(username, community);
        created.then().statusCode(201).header("Location", endsWith("/api/v1/member-registrations/" + created.path("id")))
                .body("status", equalTo("PENDING")).body("partyOrganisation", equalTo("区城市管理局机关党支部"));
        long id = created.<Number> path("id").longValue();
        Problems.problem(register(username, community), 409, "duplicate");
        Problems.problem(as("resident1").body(Map.of("communityId", community, "partyOrganisation", "某支部"))
                .post(card(username) + "/registrations"), 403, "forbidden");
        Problems.problem(as(username).body(Map.of("communityId", 999_999_999, "partyOrganisation", "某支部"))
                .post(card(username) + "/registrations"), 422, "unprocessable");
        Problems.problem(as(username).body(Map.of("communityId", community)).post(card(username) + "/registrations"), 400,
                "validation");
        Problems.problem(as(username).body(Map.of("communityId", community, "partyOrganisation", "x".repeat(101)))
                .post(card(username) + "/registrations"), 400, "validation");

        as("secretary1").queryParam("communityId", community).queryParam("limit", 100).get("/api/v1/member-registrations")
                .then().statusCode(200).body("items.id", hasItem((int) id));
        Problems.problem(as("resident1").queryParam("communityId", community).get("/api/v1/member-registrations"), 403,
                "forbidden");
        as(username).get("/api/v1/member-registrations/" + id).then().statusCode(200);
        Problems.problem(as("resident1").get("/api/v1/member-registrations/" + id), 404, "not-found");
        Problems.problem(as(username).body(Map.of("confirmed", true)).post("/api/v1/member-registrations/" + id + "/decision"),
                403, "forbidden");
        Problems.problem(as(otherAdmin).body(Map.of("confirmed", true)).post("/api/v1/member-registrations/" + id + "/decision"),
                404, "not-found");
        Problems.problem(as(username).get(card(username) + "/card"), 404, "not-found");

        as("secretary1").body(Map.of("confirmed", true, "note", "欢迎")).post("/api/v1/member-registrations/" + id + "/decision")
                .then().statusCode(200).body("status", equalTo("CONFIRMED")).body("note", equalTo("欢迎"));
        Problems.problem(as("secretary1").body(Map.of("confirmed", false)).post("/api/v1/member-registrations/" + id + "/decision"),
                409, "invalid-transition");
        as(username).get("/api/v1/me").then().statusCode(200).body("roles", hasItem("PARTY_MEMBER"));
        assertEquals(1, Sql.count(dataSource, "SELECT count(*) FROM role_binding WHERE account_id = ? AND role = 'PARTY_MEMBER'"
                + " AND region_id = ?", Api.accountId(username), community));
        as(username).get(card(username) + "/card").then().statusCode(200).body("communityId", equalTo((int) community));
    }

    @Test
    void the_demo_party_members_are_confirmed_with_posts_and_commitments() {
        as("resident1").get(card("party1") + "/card").then().statusCode(200).body("name", equalTo("孙立新（党员）"))
                .body("partyOrganisation", equalTo("区城市管理局机关第一党支部")).body("communityName", equalTo("幸福社区"))
                .body("posts[0].title", equalTo("矛盾调解")).body("commitments[0]", equalTo("每月参加不少于两次社区志愿服务"))
                .body("phone", nullValue());
        as("resident3").get(card("party3") + "/card").then().statusCode(200).body("communityName", equalTo("翠苑社区"));
        Problems.problem(as("resident3").get(card("party1") + "/card"), 404, "not-found");
    }

    @Test
    void a_declined_registration_grants_nothing_and_a_new_one_may_follow() {
        String username = account("RESIDENT", region("leader1"));
        long community = region("secretary1");
        long id = register(username, community).then().statusCode(201).extract().<Number> path("id").longValue();
        as("secretary1").body(Map.of("confirmed", false)).post("/api/v1/member-registrations/" + id + "/decision").then()
                .statusCode(200).body("status", equalTo("DECLINED"));
        as(username).get("/api/v1/me").then().statusCode(200).body("roles", not(hasItem("PARTY_MEMBER")));
        as("secretary1").queryParam("communityId", community).queryParam("status", "DECLINED").queryParam("limit", 100)
                .get("/api/v1/member-registrations").then().statusCode(200).body("items.id", hasItem((int) id));
        register(username, community).then().statusCode(201);
    }

    @Test
    void posts_are_set_by_the_admin_and_commitments_by_the_member_each_with_if_match() {
        String member = member();
        String path = card(member);
        Map<String, Object> posts = Map.of("posts", List.of(Map.of("title", "矛盾调解", "duty", "每周三晚调解室值班"),
                Map.of("title", "助老服务")));
        Problems.problem(as(member).header("If-Match", "\"1\"").body(posts).put(path + "/posts"), 403, "forbidden");
        Problems.problem(as("secretary1").body(posts).put(path + "/posts"), 428, "precondition-required");
        as("secretary1").header("If-Match", "\"1\"").body(posts).put(path + "/posts").then().statusCode(200)
                .header("ETag", "\"2\"").body("posts[1].title", equalTo("助老服务")).body("posts[1].duty", nullValue());
        Problems.problem(as("secretary1").header("If-Match", "\"1\"").body(posts).put(path + "/posts"), 412,
                "precondition-failed");
        Problems.problem(as("secretary1").header("If-Match", "\"2\"").body(Map.of("posts", List.of(Map.of("title", " "))))
                .put(path + "/posts"), 400, "validation");

        Map<String, Object> commitments = Map.of("commitments", List.of("每月参加一次社区志愿服务", "接单后两小时内响应"));
        Problems.problem(as("secretary1").header("If-Match", "\"1\"").body(commitments).put(path + "/commitments"), 403,
                "forbidden");
        Problems.problem(as("resident3").header("If-Match", "\"1\"").body(commitments).put(path + "/commitments"), 404,
                "not-found");
        as(member).header("If-Match", "\"1\"").body(commitments).put(path + "/commitments").then().statusCode(200)
                .header("ETag", "\"2\"").body("commitments[0]", equalTo("每月参加一次社区志愿服务"));
        Problems.problem(as(member).header("If-Match", "\"1\"").body(commitments).put(path + "/commitments"), 412,
                "precondition-failed");
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add("承诺" + i);
        }
        Problems.problem(as(member).header("If-Match", "\"2\"").body(Map.of("commitments", eleven)).put(path + "/commitments"),
                400, "validation");
        as("resident1").get(path + "/card").then().statusCode(200).body("posts[0].title", equalTo("矛盾调解"))
                .body("postsVersion", equalTo(2)).body("commitments[1]", equalTo("接单后两小时内响应"))
                .body("commitmentsVersion", equalTo(2));
    }

    @Test
    void the_card_shows_the_phone_to_the_member_masked_to_staff_and_not_to_the_community() {
        String member = member();
        String path = card(member) + "/card";
        as(member).get(path).then().statusCode(200).body("phone", equalTo(PHONE))
                .body("partyOrganisation", equalTo("区城市管理局机关党支部"));
        as("secretary1").get(path).then().statusCode(200).body("phone", equalTo("139****5678"));
        as("admin").get(path).then().statusCode(200).body("phone", equalTo("139****5678"));
        as("resident1").get(path).then().statusCode(200).body("phone", nullValue());
        as("party2").get(path).then().statusCode(200).body("phone", nullValue());
        Problems.problem(as("resident3").get(path), 404, "not-found");
        Problems.problem(as("unit1").get(path), 404, "not-found");
        Problems.problem(io.restassured.RestAssured.given().header("X-API-Key", "demo-open311-key").get(path), 403, "forbidden");
        Problems.problem(as("resident1").get("/api/v1/members/" + Api.accountId("resident2") + "/card"), 404, "not-found");
    }

    private static Response setPhoto(String who, String member, String version, Object mediaId) {
        return as(who).header("If-Match", "\"" + version + "\"").body(Map.of("mediaId", mediaId)).put(card(member) + "/photo");
    }

    /** The status GET /api/v1/media/{id} (and its thumbnail, which answers the same) gives the account. */
    private static int sees(String username, long mediaId) {
        int status = as(username).get("/api/v1/media/" + mediaId).statusCode();
        assertEquals(status, as(username).get("/api/v1/media/" + mediaId + "/thumbnail").statusCode(), "the thumbnail's answer");
        return status;
    }

    @Test
    void the_members_photo_is_on_the_card_and_seen_by_whoever_sees_the_card() {
        String member = member();
        String path = card(member);
        long photo = MediaContract.uploaded(member, Photos.jpeg(300, 200, Color.ORANGE));
        as("resident1").get(path + "/card").then().statusCode(200).body("photo", nullValue()).body("photoVersion", equalTo(1));
        assertEquals(404, sees("resident1", photo), "an upload is its uploader's alone until it is the card's photo");

        Problems.problem(as(member).body(Map.of("mediaId", photo)).put(path + "/photo"), 428, "precondition-required");
        String url = "http://localhost:8080/api/v1/media/" + photo;
        setPhoto(member, member, "1", photo).then().statusCode(200).header("ETag", "\"2\"").body("photo.mediaId", equalTo((int) photo))
                .body("photo.url", equalTo(url)).body("photo.thumbnailUrl", equalTo(url + "/thumbnail"));
        Problems.problem(setPhoto(member, member, "1", photo), 412, "precondition-failed");
        as("resident1").get(path + "/card").then().statusCode(200).body("photo.mediaId", equalTo((int) photo))
                .body("photo.url", equalTo(url)).body("photo.thumbnailUrl", equalTo(url + "/thumbnail"))
                .body("photoVersion", equalTo(2));

        assertArrayEquals(MediaContract.download(member, photo), MediaContract.download("resident1", photo));
        for (String community : List.of(member, "resident1", "party2", "gridmember1", "leader1", "secretary1", "admin")) {
            assertEquals(200, sees(community, photo), community + " sees the card");
        }
        as("party2").get("/api/v1/media/" + photo + "/thumbnail").then().statusCode(200).contentType("image/jpeg");
        for (String outside : List.of("resident3", "unit1")) {
            Problems.problem(as(outside).get(path + "/card"), 404, "not-found");
            assertEquals(404, sees(outside, photo), outside + " does not see the card");
            Problems.problem(as(outside).get("/api/v1/media/" + photo), 404, "not-found");
        }
    }

    @Test
    void a_new_photo_releases_the_old_one_and_a_removed_photo_is_its_uploaders_alone_again() {
        String member = member();
        String path = card(member);
        long first = MediaContract.uploaded(member, Photos.jpeg(210, 140, Color.GREEN));
        long second = MediaContract.uploaded(member, Photos.png(140, 210, Color.GREEN));
        setPhoto(member, member, "1", first).then().statusCode(200);
        setPhoto(member, member, "2", second).then().statusCode(200).header("ETag", "\"3\"")
                .body("photo.mediaId", equalTo((int) second));
        as("resident1").get(path + "/card").then().statusCode(200).body("photo.mediaId", equalTo((int) second));
        assertEquals(404, sees("resident1", first), "the replaced photo is the uploader's alone again");
        assertEquals(200, sees(member, first));
        assertEquals(200, sees("resident1", second));
        // the card's photo is kept for the card: it may not go to a ticket too
        as(member).body(Map.of("categoryCode", "GARBAGE", "title", unique("照片"), "attachmentIds", List.of(second)))
                .post("/api/v1/tickets").then().statusCode(422).body("violations.field", hasItem("attachmentIds"));

        Problems.problem(as(member).delete(path + "/photo"), 428, "precondition-required");
        as(member).header("If-Match", "\"3\"").delete(path + "/photo").then().statusCode(200).header("ETag", "\"4\"")
                .body("photo", nullValue());
        as("resident1").get(path + "/card").then().statusCode(200).body("photo", nullValue()).body("photoVersion", equalTo(4));
        assertEquals(404, sees("resident1", second));
        assertEquals(200, sees(member, second));
    }

    @Test
    void only_the_members_own_unattached_image_may_be_the_photo_refused_as_an_attachment_is() {
        String member = member();
        String path = card(member);
        long photo = MediaContract.uploaded(member, Photos.jpeg(220, 160, Color.CYAN));
        setPhoto(member, member, "1", photo).then().statusCode(200);

        long othersUpload = MediaContract.uploaded("resident1", Photos.jpeg(230, 160, Color.CYAN));
        String attachmentRefusal = as(member).body(Map.of("categoryCode", "GARBAGE", "title", unique("别人的照片"),
                "attachmentIds", List.of(othersUpload))).post("/api/v1/tickets").then().statusCode(422).extract().path("detail");
        long pdf = MediaContract.uploaded(member, Photos.pdf());
        long attached = MediaContract.uploaded(member, Photos.jpeg(240, 160, Color.CYAN));
        as(member).body(Map.of("categoryCode", "GARBAGE", "title", unique("附件"), "attachmentIds", List.of(attached)))
                .post("/api/v1/tickets").then().statusCode(201);
        for (long refused : List.of(pdf, othersUpload, attached, Long.MAX_VALUE)) {
            var problem = Problems.problem(setPhoto(member, member, "2", refused), 422, "unprocessable");
            assertEquals(attachmentRefusal, problem.getString("detail"), "the answer attaching gives");
            assertEquals(List.of("mediaId"), problem.getList("violations.field"));
        }
        Problems.problem(as(member).header("If-Match", "\"2\"").body(Map.of()).put(path + "/photo"), 400, "validation");
        Problems.problem(as(member).header("If-Match", "\"2\"").body(Map.of("mediaId", "x")).put(path + "/photo"), 400,
                "validation");
        // each refusal rolled back whole: the photo is still the card's, its version unchanged
        as("resident1").get(path + "/card").then().statusCode(200).body("photo.mediaId", equalTo((int) photo))
                .body("photoVersion", equalTo(2));
        assertEquals(200, sees("resident1", photo));
    }

    @Test
    void nobody_but_the_member_sets_or_removes_their_photo() {
        String member = member();
        String path = card(member);
        for (String other : List.of("party2", "secretary1", "admin", "resident3", "unit1")) {
            long theirs = MediaContract.uploaded(other, Photos.jpeg(250, 160, Color.PINK));
            int status = List.of("resident3", "unit1").contains(other) ? 404 : 403;
            String kind = status == 404 ? "not-found" : "forbidden";
            Problems.problem(setPhoto(other, member, "1", theirs), status, kind);
            Problems.problem(as(other).header("If-Match", "\"1\"").delete(path + "/photo"), status, kind);
        }
        long mine = MediaContract.uploaded(member, Photos.jpeg(260, 160, Color.PINK));
        Problems.problem(setPhoto("party2", member, "1", mine), 403, "forbidden");
        Problems.problem(setPhoto(member, "party2", "1", mine), 403, "forbidden");
        Problems.problem(setPhoto("resident1", "resident1", "1", mine), 404, "not-found");
        as("resident1").get(path + "/card").then().statusCode(200).body("photo", nullValue()).body("photoVersion", equalTo(1));
    }

    /** Files a ticket (or wish) as resident1, dispatches it to the member, who claims it; its path. */
    private static String claimed(String member, String kind) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", kind, "title", unique("一卡一账-"),
                "categoryCode", kind.equals("WISH") ? "ELDERLY_CARE" : "GARBAGE"));
        if (kind.equals("WISH")) {
            body.put("location", Map.of("address", "幸福小区3幢2单元501室"));
        }
        long id = as("resident1").body(body).post("/api/v1/tickets").then().statusCode(201).extract().<Number> path("id")
                .longValue();
        String path = "/api/v1/tickets/" + id;
        as("leader1").body(Map.of("target", "ACCOUNT", "assigneeId", Api.accountId(member))).post(path + "/dispatch").then()
                .statusCode(200);
        as(member).body(Map.of()).post(path + "/claim").then().statusCode(200);
        return path;
    }

    private static void resolveAndRate(String member, String path, String rating) {
        as(member).body(Map.of("resolution", "已办好")).post(path + "/resolve").then().statusCode(200);
        if (rating != null) {
            as("resident1").body(Map.of("rating", rating, "solved", "SOLVED")).post(path + "/feedback").then().statusCode(200);
        }
    }

    @Test
    void the_cards_figures_equal_a_recount_of_the_timeline_and_the_ledger_pages_every_claim() {
        String member = member();
        for (String who : List.of(member, "resident1", "leader1")) {
            as(who).get("/api/v1/me").then().statusCode(200);
        }
        String late;
        clock.set(OffsetDateTime.now(ZoneOffset.UTC).minusDays(3));
        try {
            late = claimed(member, "ISSUE");
        } finally {
            clock.reset();
        }
        resolveAndRate(member, late, "DISSATISFIED");
        String satisfied = claimed(member, "ISSUE");
        resolveAndRate(member, satisfied, "SATISFIED");
        String basically = claimed(member, "ISSUE");
        resolveAndRate(member, basically, "BASICALLY_SATISFIED");
        String open = claimed(member, "ISSUE");
        as(member).body(Map.of("reason", "不在本人职责")).post(open + "/release").then().statusCode(200);
        String wish = claimed(member, "WISH");
        resolveAndRate(member, wish, "SATISFIED");
        claimed(member, "WISH");

        long me = Api.accountId(member);
        Map<String, Object> card = as("secretary1").get(card(member) + "/card").then().statusCode(200).extract().path("service");
        String resolvedBy = " FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id WHERE e.action = 'resolve' AND e.actor_id = ?";
        String judged = " FROM ticket_event f JOIN ticket t ON t.id = f.ticket_id WHERE f.action = 'feedback' AND t.kind = 'ISSUE'"
                + " AND (SELECT r.actor_id FROM ticket_event r WHERE r.ticket_id = f.ticket_id AND r.action = 'resolve'"
                + " AND r.id < f.id ORDER BY r.id DESC LIMIT 1) = ?";
        Map<String, Long> recount = Map.of(
                "ticketsClaimed", Sql.count(dataSource, "SELECT count(*) FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id"
                        + " WHERE e.action = 'claim' AND e.actor_id = ? AND t.kind = 'ISSUE'", me),
                "wishesClaimed", Sql.count(dataSource, "SELECT count(*) FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id"
                        + " WHERE e.action = 'claim' AND e.actor_id = ? AND t.kind = 'WISH'", me),
                "ticketsResolved", Sql.count(dataSource, "SELECT count(*)" + resolvedBy + " AND t.kind = 'ISSUE'", me),
                "resolvedOnTime", Sql.count(dataSource, "SELECT count(*)" + resolvedBy + " AND t.kind = 'ISSUE' AND e.created_at <="
                        + " (SELECT CAST(d.details->>'resolutionDueAt' AS timestamptz) FROM ticket_event d WHERE d.ticket_id = e.ticket_id"
                        + " AND d.action = 'dispatch' AND d.id < e.id ORDER BY d.id DESC LIMIT 1)", me),
                "wishesFulfilled", Sql.count(dataSource, "SELECT count(*)" + resolvedBy + " AND t.kind = 'WISH'", me),
                "rated", Sql.count(dataSource, "SELECT count(*)" + judged, me),
                "satisfied", Sql.count(dataSource, "SELECT count(*)" + judged + " AND f.details->>'rating' = 'SATISFIED'", me),
                "basicallySatisfied", Sql.count(dataSource, "SELECT count(*)" + judged
                        + " AND f.details->>'rating' = 'BASICALLY_SATISFIED'", me),
                "dissatisfied", Sql.count(dataSource, "SELECT count(*)" + judged + " AND f.details->>'rating' = 'DISSATISFIED'", me),
                "points", Sql.count(dataSource, "SELECT coalesce(sum(amount), 0) FROM points_entry WHERE account_id = ?", me));
        recount.forEach((figure, count) -> assertEquals(count, ((Number) card.get(figure)).longValue(), figure));
        // the workload itself, so a recount that finds nothing cannot pass
        assertEquals(4L, recount.get("ticketsClaimed"));
        assertEquals(3L, recount.get("ticketsResolved"));
        assertEquals(2L, recount.get("resolvedOnTime"));
        assertEquals(1L, recount.get("wishesFulfilled"));
        assertEquals(1L, recount.get("dissatisfied"));

        List<Map<String, Object>> entries = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = as("resident1").queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get(card(member) + "/ledger").then().statusCode(200).extract().jsonPath();
            entries.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(6, entries.size());
        assertEquals(3, pages);
        for (int i = 1; i < entries.size(); i++) {
            assertTrue(((Number) entries.get(i - 1).get("eventId")).longValue() > ((Number) entries.get(i).get("eventId")).longValue());
        }
        Map<String, Map<String, Object>> byTicket = new HashMap<>();
        entries.forEach(e -> byTicket.put("/api/v1/tickets/" + e.get("ticketId"), e));
        assertEquals(Boolean.FALSE, byTicket.get(late).get("onTime"));
        assertEquals("DISSATISFIED", byTicket.get(late).get("rating"));
        assertEquals(Boolean.TRUE, byTicket.get(satisfied).get("onTime"));
        assertEquals("SATISFIED", byTicket.get(satisfied).get("rating"));
        assertEquals("BASICALLY_SATISFIED", byTicket.get(basically).get("rating"));
        assertEquals(null, byTicket.get(open).get("resolvedAt"));
        assertEquals("TRIAGED", byTicket.get(open).get("status"));
        assertEquals("WISH", byTicket.get(wish).get("kind"));
        Problems.problem(as("resident3").get(card(member) + "/ledger"), 404, "not-found");
        Problems.problem(as("resident1").queryParam("cursor", "nonsense!").get(card(member) + "/ledger"), 400, "validation");
        Problems.problem(as("resident1").queryParam("limit", 101).get(card(member) + "/ledger"), 400, "validation");
    }

    private static Response report(String member, Object day, Object hours) {
        return as(member).body(Map.of("activity", "社区环境整治", "day", day, "hours", hours))
                .post(card(member) + "/volunteer-hours");
    }

    @Test
    void approved_volunteer_hours_pay_points_once_under_concurrent_approvals() throws Exception {
        String member = member();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        Problems.problem(report(member, today.plusDays(2).toString(), 2), 400, "validation");
        Problems.problem(report(member, today.minusYears(2).toString(), 2), 400, "validation");
        Problems.problem(report(member, "0000-01-01", 2), 400, "validation");
        Problems.problem(report(member, today.toString(), 0.3), 400, "validation");
        Problems.problem(report(member, today.toString(), 25), 400, "validation");
        Problems.problem(report(member, today.toString(), "2"), 400, "validation");
        Problems.problem(as("resident1").body(Map.of("activity", "x", "day", today.toString(), "hours", 1))
                .post(card("resident1") + "/volunteer-hours"), 404, "not-found");
        Problems.problem(as("resident1").body(Map.of("activity", "x", "day", today.toString(), "hours", 1))
                .post(card(member) + "/volunteer-hours"), 403, "forbidden");
        Response created = report(member, today.toString(), 2.5);
        created.then().statusCode(201).header("Location", endsWith("/api/v1/volunteer-hours/" + created.path("id")))
                .body("status", equalTo("PENDING")).body("hours", equalTo(2.5f));
        long id = created.<Number> path("id").longValue();
        int perHour = as("admin").get("/api/v1/points/rules").then().statusCode(200).extract().path("volunteerHour");
        as("secretary1").queryParam("communityId", region("secretary1")).queryParam("limit", 100).get("/api/v1/volunteer-hours")
                .then().statusCode(200).body("items.id", hasItem((int) id));
        Problems.problem(as(member).body(Map.of("approved", true)).post("/api/v1/volunteer-hours/" + id + "/decision"), 403,
                "forbidden");
        long before = Sql.count(dataSource, "SELECT coalesce(sum(amount), 0) FROM points_entry WHERE account_id = ?",
                Api.accountId(member));

        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return as("secretary1").body(Map.of("approved", true)).post("/api/v1/volunteer-hours/" + id + "/decision")
                            .statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(callers - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        int paid = (int) (2.5 * perHour);
        assertEquals(1, Sql.count(dataSource, "SELECT count(*) FROM points_entry WHERE cause = 'VOLUNTEER_HOURS' AND cause_ref = ?", id));
        assertEquals(before + paid, Sql.count(dataSource, "SELECT coalesce(sum(amount), 0) FROM points_entry WHERE account_id = ?",
                Api.accountId(member)));
        as(member).get("/api/v1/volunteer-hours/" + id).then().statusCode(200).body("status", equalTo("APPROVED"))
                .body("points", equalTo(paid));
        as(member).get("/api/v1/points/ledger").then().statusCode(200).body("items[0].cause", equalTo("VOLUNTEER_HOURS"))
                .body("items[0].volunteerHoursId", equalTo((int) id));
        as(member).get(card(member) + "/card").then().statusCode(200).body("service.volunteerHours", equalTo(2.5f))
                .body("service.points", equalTo((int) (before + paid)));
        Problems.problem(as("resident1").get("/api/v1/volunteer-hours/" + id), 404, "not-found");

        long rejected = report(member, today.toString(), 1).then().statusCode(201).extract().<Number> path("id").longValue();
        as("secretary1").body(Map.of("approved", false, "note", "无活动记录")).post("/api/v1/volunteer-hours/" + rejected + "/decision")
                .then().statusCode(200).body("status", equalTo("REJECTED")).body("points", nullValue());
        assertEquals(0, Sql.count(dataSource, "SELECT count(*) FROM points_entry WHERE cause = 'VOLUNTEER_HOURS' AND cause_ref = ?",
                rejected));
    }
}
