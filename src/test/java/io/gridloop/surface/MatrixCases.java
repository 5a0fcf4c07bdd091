package io.gridloop.surface;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import io.gridloop.inbox.Inbox;
import io.gridloop.media.Attachments;
import io.gridloop.inbox.NotificationKind;
import io.gridloop.support.Sql;
import io.gridloop.shared.sql.Where;
import io.gridloop.ticket.ClosingAward;
import io.gridloop.ticket.TicketClosed;
import io.gridloop.ticket.TicketTerms.Kind;
import io.gridloop.ticket.TicketTerms.Rating;
import io.gridloop.surface.AuthorizationMatrix.Persona;
import io.gridloop.surface.AuthorizationMatrix.Target;
import io.gridloop.surface.MatrixDistrict.Place;
import io.gridloop.surface.MatrixDistrict.Stage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * How each operation of the document is tried: the fresh resource it acts on for a persona and
 * target, the request, and what must not change when it is refused. Adding an operation to the API
 * means a block in {@link AuthorizationMatrix} and one entry here.
 */
final class MatrixCases {

    /** One try: the request (given who sends it) and the state of what it would change. */
    record Case(Function<RequestSpecification, Response> call, Supplier<String> state) {
    }

    /**
     * Makes the try for a persona and target. {@code fresh}: the request is expected to succeed, so it
     * gets a resource of its own; a try expected to be refused may share one with other refused tries,
     * since none of them may change it (and each checks that none did).
     */
    interface Maker {
        Case make(Persona persona, Target target, boolean fresh);
    }

    private static final String TICKETS = "/api/v1/tickets/";
    private static final String OPEN311 = "/open311/v2/";
    private static final String MEMBERS = "/api/v1/members/";
    private static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";
    /** Calendar years nobody else uses, one per try, so a refused replacement is checked on a year of its own. */
    private static final AtomicInteger YEARS = new AtomicInteger(2060);
    /** Ticket ids no ticket has, for the points the matrix awards (a closed ticket pays once per id). */
    private static final java.util.concurrent.atomic.AtomicLong AWARDS = new java.util.concurrent.atomic.AtomicLong(
            System.nanoTime() % 1_000_000_000L * 1000);

    private final MatrixDistrict district;
    private final Inbox inbox;
    private String[] open311Filing;
    private final Map<Long, Long> communities = new java.util.concurrent.ConcurrentHashMap<>();
    private final Attachments attachments;
    /** Per place: the closed ticket refused comments share, and a ticket with its comment (ids) for reads. */
    private final Map<Place, Long> closedTickets = new ConcurrentHashMap<>();
    private final Map<Place, long[]> comments = new ConcurrentHashMap<>();
    /** Per target: a peer review to read. */
    private final Map<Target, Long> peerReviews = new ConcurrentHashMap<>();
    /** The photo attached to each place's shared ticket, uploaded by its reporter (refused reads share it). */
    private final Map<Place, Long> photos = new ConcurrentHashMap<>();
    /** The member of each target community whom refused tries on cards, ledgers and posts share. */
    private final Map<Target, String> members = new ConcurrentHashMap<>();

    MatrixCases(MatrixDistrict district, Inbox inbox, Attachments attachments) {
        this.district = district;
        this.inbox = inbox;
        this.attachments = attachments;
    }

    Map<String, Maker> all() {
        Map<String, Maker> cases = new HashMap<>();
        cases.put("POST /api/v1/auth/login", (p, t, fresh) -> read(r -> r.body(Map.of("username", "resident2", "password", "gridloop"))
                .post("/api/v1/auth/login")));
        cases.put("POST /api/v1/auth/wechat", (p, t, fresh) -> read(r -> r.body(Map.of("code", AuthorizationMatrixTest.WECHAT_CODE))
                .post("/api/v1/auth/wechat")));
        cases.put("GET /api/v1/me", (p, t, fresh) -> read(r -> r.get("/api/v1/me")));
        cases.put("POST /api/v1/me/password", (p, t, fresh) -> {
            String username = district.person(p, Target.OWN);
            return new Case(r -> r.body(Map.of("currentPassword", "not-the-password", "newPassword", "matrix-password-1"))
                    .post("/api/v1/me/password"), () -> district.rows("account", "username", username));
        });
        cases.put("GET /api/v1/me/notifications", (p, t, fresh) -> read(r -> r.get("/api/v1/me/notifications")));
        cases.put("POST /api/v1/me/notifications/read-all", (p, t, fresh) -> {
            long id = notification(district.person(p, Target.OWN));
            return new Case(r -> r.body(Map.of()).post("/api/v1/me/notifications/read-all"),
                    () -> district.rows("notification", "id", id));
        });
        cases.put("POST /api/v1/me/notifications/{id}/read", (p, t, fresh) -> {
            long id = notification(district.person(p, t));
            return new Case(r -> r.post("/api/v1/me/notifications/" + id + "/read"), () -> district.rows("notification", "id", id));
        });

        cases.put("GET /api/v1/accounts", (p, t, fresh) -> read(r -> r.get("/api/v1/accounts")));
        cases.put("POST /api/v1/accounts", (p, t, fresh) -> {
            String username = unique("matrix.new.");
            return new Case(r -> r.body(Map.of("username", username, "password", "gridloop", "name", "新账号",
                    "roles", List.of(Map.of("role", "DISTRICT_ADMIN", "regionId", district.district))))
                    .post("/api/v1/accounts"), () -> district.rows("account", "username", username));
        });
        cases.put("GET /api/v1/accounts/{id}", (p, t, fresh) -> {
            long id = district.id(district.person(p, t));
            return read(r -> r.get("/api/v1/accounts/" + id));
        });
        cases.put("PUT /api/v1/accounts/{id}", (p, t, fresh) -> {
            long id = district.id(district.account("RESIDENT", Map.of("regionId", district.place(p, t).gridId())));
            String etag = as("admin").get("/api/v1/accounts/" + id).then().statusCode(200).extract().header("ETag");
            return new Case(r -> r.header("If-Match", etag).body(Map.of("name", "提权", "enabled", true,
                    "roles", List.of(Map.of("role", "DISTRICT_ADMIN", "regionId", district.district))))
                    .put("/api/v1/accounts/" + id),
                    () -> district.rows("account", "id", id) + district.rows("role_binding", "account_id", id));
        });
        cases.put("GET /api/v1/api-keys", (p, t, fresh) -> read(r -> r.get("/api/v1/api-keys")));
        cases.put("POST /api/v1/api-keys", (p, t, fresh) -> {
            String name = unique("matrix-key-");
            return new Case(r -> r.body(Map.of("name", name, "regionId", district.district)).post("/api/v1/api-keys"),
                    () -> district.rows("api_key", "name", name));
        });
        cases.put("DELETE /api/v1/api-keys/{id}", (p, t, fresh) -> {
            long id = as("admin").body(Map.of("name", unique("matrix-key-"), "regionId", district.place(p, t).gridId()))
                    .post("/api/v1/api-keys").then().statusCode(201).extract().<Number> path("id").longValue();
            return new Case(r -> r.delete("/api/v1/api-keys/" + id), () -> district.rows("api_key", "id", id));
        });

        cases.put("GET /api/v1/regions", (p, t, fresh) -> read(r -> r.get("/api/v1/regions")));
        cases.put("GET /api/v1/regions/{id}", (p, t, fresh) -> read(r -> r.get("/api/v1/regions/" + district.grid1)));
        cases.put("POST /api/v1/regions", (p, t, fresh) -> {
            String name = unique("矩阵街道");
            return new Case(r -> r.body(Map.of("parentId", district.district, "type", "STREET", "name", name))
                    .post("/api/v1/regions"), () -> district.rows("region", "name", name));
        });
        cases.put("PUT /api/v1/regions/{id}", (p, t, fresh) -> {
            long id = as("admin").body(Map.of("parentId", district.district, "type", "STREET", "name", unique("矩阵街道")))
                    .post("/api/v1/regions").then().statusCode(201).extract().<Number> path("id").longValue();
            return new Case(r -> r.header("If-Match", "\"0\"").body(Map.of("name", unique("改名街道")))
                    .put("/api/v1/regions/" + id), () -> district.rows("region", "id", id));
        });
        cases.put("GET /api/v1/grids/locate", (p, t, fresh) -> read(r -> r.queryParam("lat", 30.2025).queryParam("lng", 120.1025)
                .get("/api/v1/grids/locate")));
        cases.put("GET /api/v1/units", (p, t, fresh) -> read(r -> r.get("/api/v1/units")));
        cases.put("POST /api/v1/units", (p, t, fresh) -> {
            String name = unique("矩阵单位");
            return new Case(r -> r.body(Map.of("name", name)).post("/api/v1/units"), () -> district.rows("unit", "name", name));
        });
        cases.put("GET /api/v1/categories", (p, t, fresh) -> read(r -> r.get("/api/v1/categories")));
        cases.put("GET /api/v1/categories/{code}", (p, t, fresh) -> read(r -> r.get("/api/v1/categories/GARBAGE")));
        cases.put("POST /api/v1/categories", (p, t, fresh) -> {
            String code = category();
            return new Case(r -> r.body(categoryBody(code)).post("/api/v1/categories"), () -> district.rows("category", "code", code));
        });
        cases.put("PUT /api/v1/categories/{code}", (p, t, fresh) -> {
            String code = category();
            String etag = as("admin").body(categoryBody(code)).post("/api/v1/categories").then().statusCode(201).extract()
                    .header("ETag");
            Map<String, Object> changed = new HashMap<>(categoryBody(code));
            changed.put("active", false);
            return new Case(r -> r.header("If-Match", etag).body(changed).put("/api/v1/categories/" + code),
                    () -> district.rows("category", "code", code));
        });
        cases.put("GET /api/v1/holidays/{year}", (p, t, fresh) -> read(r -> r.get("/api/v1/holidays/2026")));
        cases.put("PUT /api/v1/holidays/{year}", (p, t, fresh) -> {
            int year = yearWithoutCalendar();
            return new Case(r -> r.header("If-Match", "\"0\"").body(Map.of("status", "PUBLISHED", "days",
                    List.of(Map.of("day", year + "-01-01", "working", false, "name", "元旦")))).put("/api/v1/holidays/" + year),
                    () -> district.rows("calendar_year", "year", year) + district.rows("holiday", "extract(year FROM day)", year));
        });
        cases.put("POST /api/v1/district/import", (p, t, fresh) -> {
            String name = unique("矩阵导入单位");
            return new Case(r -> r.contentType("application/yaml").body(("units:\n  - key: u\n    name: " + name + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .post("/api/v1/district/import"), () -> district.rows("unit", "name", name));
        });
        cases.put("GET /api/v1/audit", (p, t, fresh) -> read(r -> r.get("/api/v1/audit")));
        cases.put("GET /api/v1/metrics/summary", (p, t, fresh) -> read(r -> r.queryParam("regionId", district.place(p, t).gridId())
                .queryParam("from", "2026-11-01").queryParam("to", "2026-11-30").get("/api/v1/metrics/summary")));
        cases.put("GET /api/v1/metrics/rankings", (p, t, fresh) -> read(r -> r.queryParam("regionId", district.place(p, t).gridId())
                .queryParam("from", "2026-11-01").queryParam("to", "2026-11-30").queryParam("by", "member")
                .get("/api/v1/metrics/rankings")));

        cases.put("GET /api/v1/tickets", (p, t, fresh) -> read(r -> r.get("/api/v1/tickets")));
        cases.put("GET /api/v1/tickets/pool", (p, t, fresh) -> read(r -> r.get("/api/v1/tickets/pool")));
        cases.put("GET /api/v1/tickets/nearby", (p, t, fresh) -> read(r -> r.queryParam("lat", 30.2025).queryParam("lng", 120.1025)
                .get("/api/v1/tickets/nearby")));
        cases.put("POST /api/v1/tickets", (p, t, fresh) -> {
            String title = unique("矩阵报事");
            Map<String, Object> body = new HashMap<>(Map.of("categoryCode", "GARBAGE", "title", title, "description", "授权矩阵",
                    "gridId", district.place(p, t).gridId()));
            if (List.of(Persona.GL, Persona.CA, Persona.DA, Persona.EX).contains(p)) {
                // staff file what comes in at the desk (SPEC §1.4 source WALK_IN), for a named visitor
                body.put("source", "WALK_IN");
                body.put("reporterName", "来访群众");
            }
            return new Case(r -> r.body(body).post("/api/v1/tickets"), () -> district.rows("ticket", "title", title));
        });
        cases.put("GET /api/v1/tickets/{id}", (p, t, fresh) -> ticketRead(p, t, ""));
        cases.put("GET /api/v1/tickets/{id}/timeline", (p, t, fresh) -> ticketRead(p, t, "/timeline"));

        cases.put("POST /api/v1/tickets/{id}/triage", action(Stage.SUBMITTED, "triage", Map.of("matterClass", "MINOR")));
        cases.put("POST /api/v1/tickets/{id}/dispatch", action(Stage.SUBMITTED, "dispatch", Map.of("target", "POOL")));
        cases.put("POST /api/v1/tickets/{id}/reject", action(Stage.SUBMITTED, "reject", Map.of("reason", "INVALID")));
        cases.put("POST /api/v1/tickets/{id}/cancel", action(Stage.SUBMITTED, "cancel", Map.of("reason", "已自行解决")));
        cases.put("POST /api/v1/tickets/{id}/claim", action(Stage.DISPATCHED, "claim", Map.of()));
        cases.put("POST /api/v1/tickets/{id}/start", action(Stage.CLAIMED, "start", Map.of()));
        cases.put("POST /api/v1/tickets/{id}/notes", action(Stage.CLAIMED, "notes", Map.of("text", "已联系物业")));
        cases.put("POST /api/v1/tickets/{id}/release", action(Stage.CLAIMED, "release", Map.of("reason", "不在本人职责")));
        cases.put("POST /api/v1/tickets/{id}/resolve", action(Stage.CLAIMED, "resolve", Map.of("resolution", "已清理")));
        cases.put("POST /api/v1/tickets/{id}/supervise", action(Stage.CLAIMED, "supervise", Map.of("level", "YELLOW")));
        cases.put("POST /api/v1/tickets/{id}/extension-requests", action(Stage.CLAIMED, "extension-requests",
                Map.of("dueAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(10).toString(), "reason", "需要协调")));
        cases.put("POST /api/v1/tickets/{id}/extension-requests/{requestId}/decision", (p, t, fresh) -> {
            long id = district.ticket(district.place(p, t), Stage.EXTENSION_ASKED, fresh);
            Object request = Sql.column(district.dataSource, "SELECT id FROM ticket_extension WHERE ticket_id = ?", id).get(0);
            return new Case(r -> r.body(Map.of("approved", true))
                    .post(TICKETS + id + "/extension-requests/" + request + "/decision"), () -> district.ticketState(id));
        });
        cases.put("POST /api/v1/tickets/{id}/verify", action(Stage.RESOLVED, "verify", Map.of("passed", true)));
        cases.put("POST /api/v1/tickets/{id}/feedback", action(Stage.RESOLVED, "feedback",
                Map.of("rating", "SATISFIED", "solved", "SOLVED")));

        cases.put("GET /open311/v2/discovery.{format}", (p, t, fresh) -> read(r -> r.get(OPEN311 + "discovery.json")));
        cases.put("GET /open311/v2/services.{format}", (p, t, fresh) -> read(r -> r.get(OPEN311 + "services.xml")));
        cases.put("GET /open311/v2/services/{service_code}.{format}", (p, t, fresh) -> read(r -> r.get(OPEN311 + "services/GARBAGE.json")));
        cases.put("POST /open311/v2/requests.{format}", (p, t, fresh) -> {
            String title = unique("矩阵Open311");
            return new Case(r -> r.contentType(FORM).body("service_code=GARBAGE&lat=30.2025&long=120.1025&description="
                    + java.net.URLEncoder.encode(title, java.nio.charset.StandardCharsets.UTF_8)).post(OPEN311 + "requests.json"),
                    () -> district.rows("ticket", "title", title));
        });
        cases.put("GET /open311/v2/requests.{format}", (p, t, fresh) -> read(r -> r.get(OPEN311 + "requests.json")));
        cases.put("GET /open311/v2/requests/{service_request_id}.{format}", (p, t, fresh) -> {
            String id = open311Filing()[0];
            return read(r -> r.get(OPEN311 + "requests/" + id + ".json"));
        });
        cases.put("GET /open311/v2/tokens/{token}.{format}", (p, t, fresh) -> {
            String token = open311Filing()[1];
            return read(r -> r.get(OPEN311 + "tokens/" + token + ".json"));
        });
        cases.put("POST /api/v1/integrations/tickets", (p, t, fresh) -> {
            String externalId = unique("MX");
            return new Case(r -> r.body(intake(externalId)).post("/api/v1/integrations/tickets"),
                    () -> district.rows("ticket", "external_id", externalId));
        });
        cases.put("GET /api/v1/integrations/tickets/{source}/{externalId}", (p, t, fresh) -> {
            String externalId = unique("MX");
            district.request(Persona.KEY).body(intake(externalId)).post("/api/v1/integrations/tickets").then().statusCode(201);
            return read(r -> r.get("/api/v1/integrations/tickets/12345/" + externalId));
        });
        cases.put("POST /api/v1/webhooks", (p, t, fresh) -> {
            String url = "http://127.0.0.1:9/" + unique("matrix");
            return new Case(r -> r.body(Map.of("url", url, "events", List.of("ticket.created"))).post("/api/v1/webhooks"),
                    () -> district.rows("webhook_subscription", "url", url));
        });
        cases.put("GET /api/v1/webhooks", (p, t, fresh) -> read(r -> r.get("/api/v1/webhooks")));
        cases.put("DELETE /api/v1/webhooks/{id}", (p, t, fresh) -> {
            long id = adminsWebhook();
            return new Case(r -> r.delete("/api/v1/webhooks/" + id), () -> district.rows("webhook_subscription", "id", id));
        });
        cases.put("GET /api/v1/webhooks/{id}/deliveries", (p, t, fresh) -> {
            long id = adminsWebhook();
            return read(r -> r.get("/api/v1/webhooks/" + id + "/deliveries"));
        });
        cases.put("POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", (p, t, fresh) -> {
            long id = adminsWebhook();
            district.request(Persona.KEY).body(intake(unique("MX"))).post("/api/v1/integrations/tickets").then().statusCode(201);
            Object delivery = Sql.column(district.dataSource, "SELECT max(id) FROM webhook_delivery WHERE subscription_id = ?", id).get(0);
            return new Case(r -> r.body(Map.of()).post("/api/v1/webhooks/" + id + "/deliveries/" + delivery + "/redeliver"),
                    () -> district.rows("webhook_delivery", "id", delivery));
        });
        cases.put("GET /api/v1/wishes", (p, t, fresh) -> read(r -> r.queryParam("communityId", community(t))
                .get("/api/v1/wishes")));
        cases.put("GET /api/v1/points/balance", (p, t, fresh) -> read(r -> r.get("/api/v1/points/balance")));
        cases.put("GET /api/v1/points/ledger", (p, t, fresh) -> read(r -> r.get("/api/v1/points/ledger")));
        cases.put("GET /api/v1/points/rules", (p, t, fresh) -> read(r -> r.get("/api/v1/points/rules")));
        cases.put("PUT /api/v1/points/rules", (p, t, fresh) -> {
            // the admin's try keeps the values, a refused try asks for others: what it must not change are the values,
            // which the admin's try, running at the same moment, leaves as they are (only the version moves)
            Response current = as("admin").get("/api/v1/points/rules");
            int more = fresh ? 0 : 1;
            Map<String, Object> rules = Map.of("ticketSatisfied", current.<Integer> path("ticketSatisfied") + more,
                    "ticketBasicallySatisfied", current.<Integer> path("ticketBasicallySatisfied") + more,
                    "wishConfirmed", current.<Integer> path("wishConfirmed") + more,
                    "volunteerHour", current.<Integer> path("volunteerHour") + more);
            // the values in force, as the district's rules answer them: the defaults until a first PUT stores a row
            // (the admin's try may be that first PUT, storing the same values)
            return new Case(r -> r.header("If-Match", current.header("ETag")).body(rules).put("/api/v1/points/rules"),
                    () -> as("admin").get("/api/v1/points/rules").then().statusCode(200).extract().jsonPath()
                            .getMap("").entrySet().stream().filter(e -> !e.getKey().equals("version"))
                            .map(e -> e.getKey() + "=" + e.getValue()).sorted().toList().toString());
        });
        cases.put("GET /api/v1/store/items", (p, t, fresh) -> read(r -> r.queryParam("communityId", community(t))
                .get("/api/v1/store/items")));
        cases.put("POST /api/v1/store/items", (p, t, fresh) -> {
            String name = unique("矩阵物品");
            return new Case(r -> r.body(Map.of("communityId", community(t), "name", name, "price", 1, "stock", 5))
                    .post("/api/v1/store/items"), () -> district.rows("store_item", "name", name));
        });
        cases.put("PUT /api/v1/store/items/{id}", (p, t, fresh) -> {
            long id = storeItem(t);
            return new Case(r -> r.header("If-Match", "\"1\"").body(Map.of("name", unique("改名物品"), "price", 2, "stock", 3,
                    "active", true)).put("/api/v1/store/items/" + id), () -> district.rows("store_item", "id", id));
        });
        cases.put("POST /api/v1/store/redemptions", (p, t, fresh) -> {
            long item = storeItem(t);
            String username = district.username(p);
            if (fresh && username != null) {
                award(district.id(username));
            }
            return new Case(r -> r.header("Idempotency-Key", unique("matrix-redeem-")).body(Map.of("itemId", item, "quantity", 1))
                    .post("/api/v1/store/redemptions"), () -> district.rows("store_item", "id", item)
                            + district.rows("store_redemption", "item_id", item));
        });
        cases.put("GET /api/v1/store/redemptions", (p, t, fresh) -> read(r -> r.queryParam("communityId", community(t))
                .get("/api/v1/store/redemptions")));
        cases.put("GET /api/v1/store/redemptions/{id}", (p, t, fresh) -> {
            long id = redemption(t);
            return read(r -> r.get("/api/v1/store/redemptions/" + id));
        });
        cases.put("POST /api/v1/store/redemptions/{id}/fulfil", (p, t, fresh) -> redemptionAction(t, "fulfil"));
        cases.put("POST /api/v1/store/redemptions/{id}/cancel", (p, t, fresh) -> redemptionAction(t, "cancel"));
        cases.put("GET /api/v1/tickets/export.csv", (p, t, fresh) -> read(r -> r.accept("text/csv")
                .queryParam("q", unique("矩阵导出")).get("/api/v1/tickets/export.csv")));
        cases.put("POST /api/v1/media", (p, t, fresh) -> {
            byte[] pdf = ("%PDF-1.4\n% " + unique("matrix") + "\ntrailer<<>>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
            String sha256 = sha256(pdf);
            return new Case(r -> r.contentType("multipart/form-data").multiPart("file", "matrix.pdf", pdf, "application/pdf")
                    .post("/api/v1/media"), () -> district.rows("media", "sha256", sha256));
        });
        cases.put("GET /api/v1/media/{id}", (p, t, fresh) -> {
            long id = photo(district.place(p, t));
            return read(r -> r.get("/api/v1/media/" + id));
        });
        cases.put("GET /api/v1/media/{id}/thumbnail", (p, t, fresh) -> {
            long id = photo(district.place(p, t));
            return read(r -> r.get("/api/v1/media/" + id + "/thumbnail"));
        });
        cases.put("GET /api/v1/metrics/consistency", (p, t, fresh) -> read(r -> r.queryParam("from", "2026-11-01")
                .queryParam("to", "2026-11-30").get("/api/v1/metrics/consistency")));
        // a rebuild of consistent counters changes no figure: nothing for a refusal to leave as it was
        cases.put("POST /api/v1/metrics/rebuild", (p, t, fresh) -> read(r -> r.queryParam("from", "2026-11-01")
                .queryParam("to", "2026-11-30").post("/api/v1/metrics/rebuild")));
        cases.put("POST /api/v1/members/{accountId}/registrations", (p, t, fresh) -> {
            long account = district.id(district.person(p, t));
            return new Case(r -> r.body(Map.of("communityId", community(Target.OWN), "partyOrganisation", "矩阵党支部"))
                    .post(MEMBERS + account + "/registrations"), () -> district.rows("member_registration", "account_id", account));
        });
        cases.put("GET /api/v1/member-registrations", (p, t, fresh) -> read(r -> r.queryParam("communityId", community(t))
                .get("/api/v1/member-registrations")));
        cases.put("GET /api/v1/member-registrations/{id}", (p, t, fresh) -> {
            long id = registration(t);
            return read(r -> r.get("/api/v1/member-registrations/" + id));
        });
        cases.put("POST /api/v1/member-registrations/{id}/decision", (p, t, fresh) -> {
            long id = registration(t);
            Object account = Sql.column(district.dataSource, "SELECT account_id FROM member_registration WHERE id = ?", id).get(0);
            return new Case(r -> r.body(Map.of("confirmed", true)).post("/api/v1/member-registrations/" + id + "/decision"),
                    () -> district.rows("member_registration", "id", id) + district.rows("role_binding", "account_id", account));
        });
        cases.put("PUT /api/v1/members/{accountId}/posts", (p, t, fresh) -> {
            long account = district.id(member(t, fresh));
            return new Case(r -> r.header("If-Match", "*").body(Map.of("posts", List.of(Map.of("title", "矛盾调解"))))
                    .put(MEMBERS + account + "/posts"), () -> district.rows("member_registration", "account_id", account));
        });
        cases.put("PUT /api/v1/members/{accountId}/commitments", (p, t, fresh) -> {
            // own: the caller's own card (party1's, of the demo); the member's try states what it states already, so the
            // refused tries, which ask for something else, can see that nothing they aimed at changed
            long account = t == Target.OWN ? district.id(district.person(p, t)) : district.id(member(t, false));
            Supplier<String> state = () -> Sql.column(district.dataSource, "SELECT coalesce(string_agg(CAST(commitments AS text),"
                    + " '|'), '') FROM member_registration WHERE account_id = ?", account).get(0).toString();
            List<Object> current = Sql.column(district.dataSource, "SELECT CAST(commitments AS text) FROM member_registration"
                    + " WHERE account_id = ? AND status = 'CONFIRMED'", account);
            List<String> commitments = fresh && !current.isEmpty()
                    ? io.restassured.path.json.JsonPath.from(current.get(0).toString()).getList("$", String.class)
                    : List.of(unique("矩阵承诺"));
            return new Case(r -> r.header("If-Match", "*").body(Map.of("commitments", commitments))
                    .put(MEMBERS + account + "/commitments"), state);
        });
        for (String method : List.of("PUT", "DELETE")) {
            cases.put(method + " /api/v1/members/{accountId}/photo", (p, t, fresh) -> {
                // own: the caller's own card (party1's, of the demo), else the target community's shared member; the photo
                // is the card's member's own upload, so a try let through by mistake would change the card
                boolean member = t != Target.OWN || p == Persona.PM;
                String holder = t == Target.OWN ? district.person(p, t) : member(t, false);
                long account = district.id(holder);
                String path = MEMBERS + account + "/photo";
                Supplier<String> state = () -> district.rows("member_registration", "account_id", account)
                        + district.rows("media", "portrait_of", account);
                if (method.equals("DELETE")) {
                    return new Case(r -> r.header("If-Match", "*").delete(path), state);
                }
                long upload = member ? uploadedPng(holder) : Long.MAX_VALUE;
                return new Case(r -> r.header("If-Match", "*").body(Map.of("mediaId", upload)).put(path), state);
            });
        }
        cases.put("POST /api/v1/members/{accountId}/volunteer-hours", (p, t, fresh) -> {
            long account = district.id(district.person(p, t));
            return new Case(r -> r.body(Map.of("activity", "矩阵志愿服务", "day", yesterday(), "hours", 1.5))
                    .post(MEMBERS + account + "/volunteer-hours"), () -> district.rows("volunteer_hours", "account_id", account));
        });
        cases.put("GET /api/v1/volunteer-hours", (p, t, fresh) -> read(r -> r.queryParam("communityId", community(t))
                .get("/api/v1/volunteer-hours")));
        cases.put("GET /api/v1/volunteer-hours/{id}", (p, t, fresh) -> {
            long id = hoursReport(t);
            return read(r -> r.get("/api/v1/volunteer-hours/" + id));
        });
        cases.put("POST /api/v1/volunteer-hours/{id}/decision", (p, t, fresh) -> {
            long id = hoursReport(t);
            return new Case(r -> r.body(Map.of("approved", true)).post("/api/v1/volunteer-hours/" + id + "/decision"),
                    () -> district.rows("volunteer_hours", "id", id) + Sql.column(district.dataSource, "SELECT count(*) FROM"
                            + " points_entry WHERE cause = 'VOLUNTEER_HOURS' AND cause_ref = ?", id).get(0));
        });
        cases.put("GET /api/v1/members/{accountId}/card", (p, t, fresh) -> {
            long account = district.id(member(t, false));
            return read(r -> r.get(MEMBERS + account + "/card"));
        });
        cases.put("GET /api/v1/members/{accountId}/ledger", (p, t, fresh) -> {
            long account = district.id(member(t, false));
            return read(r -> r.get(MEMBERS + account + "/ledger"));
        });
        for (String list : List.of("", "/resources", "/needs", "/services")) {
            cases.put("GET /api/v1/lists/{communityId}" + list, (p, t, fresh) -> read(r -> r.get("/api/v1/lists/" + community(t) + list)));
        }
        cases.put("POST /api/v1/resources", (p, t, fresh) -> {
            String title = unique("矩阵资源");
            return new Case(r -> r.body(Map.of("communityId", community(t), "kind", "SKILL", "title", title, "provider", "矩阵提供方"))
                    .post("/api/v1/resources"), () -> district.rows("community_resource", "title", title));
        });
        cases.put("GET /api/v1/resources/{id}", (p, t, fresh) -> {
            long id = resource(t);
            return read(r -> r.get("/api/v1/resources/" + id));
        });
        cases.put("PATCH /api/v1/resources/{id}", (p, t, fresh) -> {
            long id = resource(t);
            return new Case(r -> r.header("If-Match", "\"1\"").body(Map.of("title", unique("改名资源"))).patch("/api/v1/resources/" + id),
                    () -> district.rows("community_resource", "id", id));
        });
        cases.put("DELETE /api/v1/resources/{id}", (p, t, fresh) -> {
            long id = resource(t);
            return new Case(r -> r.delete("/api/v1/resources/" + id), () -> district.rows("community_resource", "id", id));
        });
        cases.put("GET /api/v1/media-links/{link}", (p, t, fresh) -> {
            Place place = district.place(Persona.RES, Target.OWN);
            photo(place);
            long ticket = district.ticket(place, Stage.CLAIMED, false);
            String link = QuarkusTransaction.requiringNew().call(() -> io.quarkus.arc.Arc.container()
                    .instance(io.gridloop.media.PhotoLinks.class).get().firstPhotos(List.of(ticket)).get(ticket));
            return read(r -> r.get(java.net.URI.create(link).getPath()));
        });
        reviews(cases);
        return cases;
    }

    /** A confirmed party member (双报到) of the target community: a new one, or (not fresh) the one refused tries share. */
    private String member(Target target, boolean fresh) {
        return fresh ? newMember(target) : members.computeIfAbsent(target, this::newMember);
    }

    private String newMember(Target target) {
        String username = district.account("RESIDENT", Map.of());
        long id = as(username).body(Map.of("communityId", community(target), "partyOrganisation", "矩阵党支部"))
                .post(MEMBERS + district.id(username) + "/registrations").then().statusCode(201).extract().<Number> path("id")
                .longValue();
        as("admin").body(Map.of("confirmed", true)).post("/api/v1/member-registrations/" + id + "/decision").then()
                .statusCode(200);
        return username;
    }

    /** The day before today in the demo district's zone: a day volunteer hours may be reported for. */
    private static String yesterday() {
        return java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(1).toString();
    }

    /** A pending registration of a new account with the target community; its id. */
    private long registration(Target target) {
        String username = district.account("RESIDENT", Map.of());
        return as(username).body(Map.of("communityId", community(target), "partyOrganisation", "矩阵党支部"))
                .post(MEMBERS + district.id(username) + "/registrations").then().statusCode(201).extract().<Number> path("id")
                .longValue();
    }

    /** A pending volunteer-hours report of a new member of the target community; its id. */
    private long hoursReport(Target target) {
        String member = newMember(target);
        return as(member).body(Map.of("activity", "矩阵志愿服务", "day", yesterday(), "hours", 2))
                .post(MEMBERS + district.id(member) + "/volunteer-hours").then().statusCode(201).extract().<Number> path("id")
                .longValue();
    }

    /** A new offer on the target community's resource list, entered by the district admin; version 1. */
    private long resource(Target target) {
        return as("admin").body(Map.of("communityId", community(target), "kind", "VENUE", "title", unique("矩阵场地"),
                "provider", "矩阵单位")).post("/api/v1/resources").then().statusCode(201).extract().<Number> path("id").longValue();
    }

    /** One request filed through Open311 with the demo key, for the reads: its id and token. */
    private synchronized String[] open311Filing() {
        if (open311Filing == null) {
            io.restassured.path.json.JsonPath filed = io.restassured.RestAssured.given().contentType(FORM)
                    .body("api_key=" + MatrixDistrict.API_KEY + "&service_code=GARBAGE&lat=30.2025&long=120.1025&description=matrix")
                    .post(OPEN311 + "requests.json").then().statusCode(201).extract().jsonPath();
            open311Filing = new String[] { filed.getString("[0].service_request_id"), filed.getString("[0].token") };
        }
        return open311Filing;
    }

    /** A filing of the hotline's, into grid 1 (in the demo key's jurisdiction, the district). */
    private Map<String, Object> intake(String externalId) {
        return Map.of("source", "12345", "externalId", externalId, "categoryCode", "GARBAGE", "title", "矩阵热线",
                "gridId", district.grid1, "caller", Map.of("name", "来电群众", "phone", "13800001111"));
    }

    /** A subscription of the district admin's to filings (its receiver is never up in tests); its id. */
    private static long adminsWebhook() {
        return as("admin").body(Map.of("url", "http://127.0.0.1:9/" + unique("matrix"), "events", List.of("ticket.created")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().<Number> path("id").longValue();
    }


    /** The community a target names for the community's wall, store and redemptions: grid 1's, grid 3's, grid 5's. */
    private long community(Target target) {
        long grid = switch (target) {
            case ANY, OWN -> district.grid1;
            case FOREIGN -> district.grid3;
            case OUTSIDE -> district.grid5;
        };
        return communities.computeIfAbsent(grid, g -> as("admin").get("/api/v1/regions/" + g).then().statusCode(200).extract()
                .<Number> path("parentId").longValue());
    }

    /** A new item of the target community's store, version 1, price 1. */
    private long storeItem(Target target) {
        return as("admin").body(Map.of("communityId", community(target), "name", unique("矩阵物品"), "price", 1, "stock", 5))
                .post("/api/v1/store/items").then().statusCode(201).extract().<Number> path("id").longValue();
    }

    /**
     * Points for an account, awarded as a closed ticket awards them, by a statement that "changed" a ticket of its own
     * (an id no ticket has, so it pays once).
     */
    private void award(long accountId) {
        Where.Jdbc paid = io.quarkus.arc.Arc.container().instance(ClosingAward.class).get().paid(new TicketClosed(
                -AWARDS.incrementAndGet(), district.district, Kind.ISSUE, accountId, Rating.SATISFIED,
                OffsetDateTime.now(ZoneOffset.UTC)), "changed");
        Sql.column(district.dataSource, "WITH changed AS (SELECT 1), " + paid.sql() + " SELECT 1", paid.parameters());
    }

    /** A pending redemption by a new party member of the target community; its id. */
    private long redemption(Target target) {
        String member = district.account("PARTY_MEMBER", Map.of("regionId", community(target)));
        award(district.id(member));
        long item = storeItem(target);
        return as(member).header("Idempotency-Key", unique("matrix-redeem-")).body(Map.of("itemId", item, "quantity", 1))
                .post("/api/v1/store/redemptions").then().statusCode(201).extract().<Number> path("id").longValue();
    }

    private Case redemptionAction(Target target, String action) {
        long id = redemption(target);
        return new Case(r -> r.post("/api/v1/store/redemptions/" + id + "/" + action),
                () -> district.rows("store_redemption", "id", id) + district.rows("points_entry", "cause_ref", id));
    }


    /** A photo the reporter of the place's shared ticket uploaded and attached to it (as filing with it would). */
    private long photo(Place place) {
        return photos.computeIfAbsent(place, key -> {
            long ticket = district.ticket(place, Stage.CLAIMED, false);
            long id = uploadedPng(place.reporter());
            long filing = ((Number) Sql.column(district.dataSource,
                    "SELECT min(id) FROM ticket_event WHERE ticket_id = ?", ticket).get(0)).longValue();
            QuarkusTransaction.requiringNew().run(() -> attachments.attach(district.district, district.id(place.reporter()),
                    List.of(id), ticket, filing, OffsetDateTime.now(ZoneOffset.UTC), "attachmentIds"));
            return id;
        });
    }

    /** A small PNG the account uploads (not attached); its id. */
    private static long uploadedPng(String username) {
        return as(username).contentType("multipart/form-data").multiPart("file", "photo.png", png(), "image/png")
                .post("/api/v1/media").then().statusCode(201).extract().<Number> path("id").longValue();
    }

    private static byte[] png() {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** A year no test has given a calendar yet (others write years of their own in the same database). */
    private static int yearWithoutCalendar() {
        int year = YEARS.getAndIncrement();
        while (!"\"0\"".equals(as("admin").get("/api/v1/holidays/" + year).then().statusCode(200).extract().header("ETag"))) {
            year = YEARS.getAndIncrement();
        }
        return year;
    }

    /** A request that changes nothing whatever its answer. */
    private static Case read(Function<RequestSpecification, Response> call) {
        return new Case(call, () -> "");
    }

    private Case ticketRead(Persona persona, Target target, String suffix) {
        long id = district.ticket(district.place(persona, target), Stage.CLAIMED, false);
        return read(r -> r.get(TICKETS + id + suffix));
    }

    private Maker action(Stage stage, String action, Map<String, Object> body) {
        return (persona, target, fresh) -> {
            long id = district.ticket(district.place(persona, target), stage, fresh);
            return new Case(r -> r.body(body).post(TICKETS + id + "/" + action), () -> district.ticketState(id));
        };
    }

    /** An unread notification of the account, written as the ticket loop writes one; its id. */
    private long notification(String username) {
        long account = district.id(username);
        String text = unique("矩阵通知");
        QuarkusTransaction.requiringNew().run(() -> inbox.notify(List.of(account), NotificationKind.DISPATCHED,
                district.district, 4242L, "GL-2026-004242", text));
        return ((Number) Sql.column(district.dataSource, "SELECT id FROM notification WHERE text = ?", text).get(0)).longValue();
    }

    private static String category() {
        return unique("MX_").toUpperCase().replace('.', '_');
    }

    private static Map<String, Object> categoryBody(String code) {
        return Map.of("code", code, "nameZh", "矩阵", "nameEn", "Matrix", "group", "测试", "defaultMatterClass", "MINOR",
                "responseLimit", Map.of("value", 2, "unit", "HOURS"), "resolutionLimit", Map.of("value", 3, "unit", "HOURS"));
    }

    /**
     * Leaders' comments, peer reviews and the board (SPEC §1.8): a comment is made by the leader of the
     * place's grid on a ticket closed by its reporter; a peer review read is of party1 in community 1, and
     * between two new members elsewhere.
     */
    private void reviews(Map<String, Maker> cases) {
        cases.put("POST /api/v1/tickets/{id}/comments", (p, t, fresh) -> {
            long id = closed(district.place(p, t), fresh);
            return new Case(r -> r.body(Map.of("score", 5, "text", "矩阵点评")).post(TICKETS + id + "/comments"),
                    () -> district.rows("leader_comment", "ticket_id", id));
        });
        cases.put("GET /api/v1/tickets/{id}/comments/{commentId}", (p, t, fresh) -> {
            long[] comment = comments.computeIfAbsent(district.place(p, t), place -> {
                long id = closed(place, true);
                long commentId = as(district.dispatcher(place.gridId())).body(Map.of("score", 4, "text", "矩阵点评"))
                        .post(TICKETS + id + "/comments").then().statusCode(201).extract().<Number> path("id").longValue();
                return new long[] { id, commentId };
            });
            return read(r -> r.get(TICKETS + comment[0] + "/comments/" + comment[1]));
        });
        cases.put("POST /api/v1/peer-reviews", (p, t, fresh) -> {
            long reviewee = district.id(district.account("PARTY_MEMBER", Map.of("regionId", community(t))));
            return new Case(r -> r.body(Map.of("revieweeId", reviewee, "score", 5, "text", "矩阵互评")).post("/api/v1/peer-reviews"),
                    () -> district.rows("peer_review", "reviewee_id", reviewee));
        });
        cases.put("GET /api/v1/peer-reviews/{id}", (p, t, fresh) -> {
            long id = peerReviews.computeIfAbsent(t, target -> {
                long community = community(target);
                String reviewer = district.account("PARTY_MEMBER", Map.of("regionId", community));
                long reviewee = target == Target.OWN || target == Target.ANY ? district.id("party1")
                        : district.id(district.account("PARTY_MEMBER", Map.of("regionId", community)));
                return as(reviewer).body(Map.of("revieweeId", reviewee, "score", 4, "text", "矩阵互评")).post("/api/v1/peer-reviews")
                        .then().statusCode(201).extract().<Number> path("id").longValue();
            });
            return read(r -> r.get("/api/v1/peer-reviews/" + id));
        });
        for (String by : List.of("members", "grids")) {
            cases.put("GET /api/v1/boards/" + by, (p, t, fresh) -> read(r -> r.queryParam("regionId", district.place(p, t).gridId())
                    .queryParam("from", "2026-11-01").queryParam("to", "2026-11-30").get("/api/v1/boards/" + by)));
        }
    }

    /** A ticket at the place closed SATISFIED by its reporter: a new one, or the one refused comments share. */
    private long closed(Place place, boolean fresh) {
        return fresh ? close(place) : closedTickets.computeIfAbsent(place, this::close);
    }

    private long close(Place place) {
        long id = district.ticket(place, Stage.RESOLVED, true);
        as(place.reporter()).body(Map.of("rating", "SATISFIED", "solved", "SOLVED")).post(TICKETS + id + "/feedback")
                .then().statusCode(200);
        return id;
    }
}
