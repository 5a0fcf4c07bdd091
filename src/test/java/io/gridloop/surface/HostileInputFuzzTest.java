package io.gridloop.surface;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.gridloop.support.Api;
import io.gridloop.support.FakeWeChat;
import io.gridloop.surface.HostileRequests.Caller;
import io.gridloop.surface.OpenApiOperations.Operation;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * No input earns a 5xx, and every refusal is a problem (SPEC §2, issue 9 point 2): requests drawn
 * from every operation of openapi/openapi.yaml, as every demo role, anonymous, an API key and forged
 * credentials, with hostile values ({@link HostileRequests}). The seed is printed; {@code -Dfuzz.seed=}
 * repeats a run and {@code -Dfuzz.requests=} changes its size.
 */
@QuarkusTest
@WithTestResource(value = FakeWeChat.class, scope = TestResourceScope.GLOBAL)
class HostileInputFuzzTest {

    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
    private static final int THREADS = 6;
    private static final List<String> PERSONAS = List.of("admin", "secretary1", "leader1", "gridmember1", "party1", "unit1",
            "resident1", "resident3");
    /** What would tell a client how the service is built. */
    private static final List<String> INTERNALS = List.of("Exception", "\tat ", ".java:", "Caused by", "io.gridloop",
            "io.vertx", "org.hibernate", "com.fasterxml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @FakeWeChat.Server
    WireMockServer wechat;

    @Test
    void no_request_gets_a_5xx_and_every_refusal_is_a_problem() throws Exception {
        // WeChat answers every code as invalid, so a sign-in that reaches it ends in a 4xx, not an upstream failure
        wechat.stubFor(WireMock.get(WireMock.urlPathMatching("/sns/jscode2session.*")).atPriority(10)
                .willReturn(WireMock.okJson("{\"errcode\":40029,\"errmsg\":\"invalid code\"}")));
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("HostileInputFuzzTest seed: " + seed + " (repeat with -Dfuzz.seed=" + seed + ")");
        OpenApiOperations api = OpenApiOperations.read();
        List<Operation> operations = api.all();
        List<Caller> callers = callers();
        Map<String, List<String>> targets = targets();

        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refusedBefore = new AtomicInteger();
        Instant start = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<? extends Future<?>> workers = IntStream.range(0, THREADS).mapToObj(w -> pool.submit(() -> {
            try (RawHttp http = http()) {
                for (int i = next.getAndIncrement(); i < REQUESTS; i = next.getAndIncrement()) {
                    // mixed first: java.util.Random's first draw of neighbouring seeds is nearly the same, and with a
                    // power-of-two number of operations (64) some operations were never drawn
                    Random random = new Random(new java.util.SplittableRandom(seed * 1_000_003L + i).nextLong());
                    Operation operation = operations.get(random.nextInt(operations.size()));
                    Caller caller = callers.get(random.nextInt(callers.size()));
                    HostileRequests.Drawn drawn = new HostileRequests(api, random, targets).draw(operation, caller);
                    String wrong;
                    int status;
                    try {
                        RawHttp.Response response = http.send(drawn.request());
                        status = response.status();
                        wrong = wrong(operation.path(), response);
                        if (wrong != null && drawn.refusedBeforeTheService() && status == 400 && response.body().length == 0) {
                            refusedBefore.incrementAndGet();
                            wrong = null;
                        }
                    } catch (IOException e) {
                        status = -1;
                        wrong = "no answer: " + e;
                    }
                    statuses.computeIfAbsent(operation.key() + " " + status, k -> new AtomicInteger()).incrementAndGet();
                    if (wrong != null && failures.size() < 50) {
                        failures.add("#" + i + " " + drawn.description() + " -> " + status + ": " + wrong);
                    }
                }
            }
            return null;
        })).toList();
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        Duration took = Duration.between(start, Instant.now());
        Map<String, Integer> byStatus = new TreeMap<>();
        statuses.forEach((key, count) -> byStatus.merge(key.substring(key.lastIndexOf(' ') + 1), count.get(), Integer::sum));
        System.out.println("HostileInputFuzzTest: " + REQUESTS + " requests over " + operations.size() + " operations and "
                + callers.size() + " callers in " + took.toMillis() + " ms; by status " + byStatus + "; of the 400s, "
                + refusedBefore + " empty, refused before the service (HostileRequests.Drawn.refusedBeforeTheService)");

        assertEquals(List.of(), failures, "seed " + seed);
        for (Operation operation : operations) {
            assertTrue(statuses.keySet().stream().anyMatch(key -> key.startsWith(operation.key() + " ")),
                    operation.key() + " was never drawn");
        }
    }

    private static RawHttp http() {
        return new RawHttp(RestAssured.baseURI.replaceFirst("^https?://", ""), RestAssured.port);
    }

    /** What is wrong with an answer, or null: a 5xx, a 4xx that is not a problem of its status, internals in the body. */
    private static String wrong(String path, RawHttp.Response response) {
        String text = response.text();
        if (response.status() >= 500) {
            return "a server error: " + text;
        }
        for (String internal : INTERNALS) {
            if (text.contains(internal)) {
                return "the body shows " + internal + ": " + text;
            }
        }
        if (response.status() < 400) {
            return null;
        }
        String contentType = response.header("content-type");
        if (path.startsWith("/open311/")) {
            return open311Error(response, contentType, text);
        }
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            return "a " + response.status() + " as " + contentType + ": " + text;
        }
        try {
            JsonNode problem = JSON.readTree(text);
            if (!problem.path("type").isTextual() || !problem.path("title").isTextual()
                    || problem.path("status").asInt() != response.status()) {
                return "not a problem of status " + response.status() + ": " + text;
            }
        } catch (IOException e) {
            return "a problem that is not JSON: " + text;
        }
        return null;
    }

    /** On /open311/ a refusal is GeoReport v2's error list of its status (SPEC §2), in JSON or, on a .xml path, XML. */
    private static String open311Error(RawHttp.Response response, String contentType, String text) {
        try {
            if (contentType != null && contentType.startsWith("text/xml")) {
                org.w3c.dom.Element errors = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new java.io.ByteArrayInputStream(response.body())).getDocumentElement();
                return errors.getTagName().equals("errors")
                        && errors.getElementsByTagName("code").item(0).getTextContent().equals(String.valueOf(response.status()))
                        ? null : "not an Open311 error list of status " + response.status() + ": " + text;
            }
            JsonNode errors = JSON.readTree(text);
            return contentType != null && contentType.startsWith("application/json") && errors.path(0).path("code").asInt() == response.status()
                    && errors.path(0).path("description").isTextual() ? null
                    : "not an Open311 error list of status " + response.status() + ": " + contentType + " " + text;
        } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException | RuntimeException e) {
            return "an Open311 error that does not parse: " + text;
        }
    }

    private static List<Caller> callers() {
        List<Caller> callers = new ArrayList<>();
        for (String persona : PERSONAS) {
            callers.add(new Caller(persona, "Authorization", "Bearer " + Api.token(persona)));
        }
        callers.add(new Caller("anonymous", null, null));
        callers.add(new Caller("api-key", "X-API-Key", "demo-open311-key"));
        callers.add(new Caller("unknown-api-key", "X-API-Key", "no-such-key-\u00e9"));
        callers.add(new Caller("forged-bearer", "Authorization", "Bearer " + Api.token("resident1") + "x"));
        callers.add(new Caller("garbage-bearer", "Authorization", "Bearer \u00ff\u00fe.x..\u00e9"));
        callers.add(new Caller("control-bearer", "Authorization", "Bearer \u0001.\u0000.."));
        callers.add(new Caller("basic", "Authorization", "Basic YWRtaW46Z3JpZGxvb3A="));
        return callers;
    }

    /**
     * What the fuzzer may act on: resources it makes now (tickets, accounts, API keys, a street, a
     * category, calendar years far ahead), so no request, however valid, spoils the demo district
     * that other test classes read. Reads may go anywhere.
     */
    private static Map<String, List<String>> targets() {
        long district = as("admin").get("/api/v1/me").then().statusCode(200).extract().<Number> path("regions[0].id")
                .longValue();
        List<String> tickets = new ArrayList<>();
        long party1 = Api.accountId("party1");
        for (int i = 0; i < 6; i++) {
            long id = as("resident1").body(Map.of("categoryCode", "GARBAGE", "title", "模糊测试 " + i, "description", "fuzz"))
                    .post("/api/v1/tickets").then().statusCode(201).extract().<Number> path("id").longValue();
            if (i >= 2) {
                as("leader1").body(i < 4 ? Map.of("target", "POOL") : Map.of("target", "ACCOUNT", "assigneeId", party1))
                        .post("/api/v1/tickets/" + id + "/dispatch").then().statusCode(200);
            }
            if (i >= 4) {
                as("party1").body(Map.of()).post("/api/v1/tickets/" + id + "/claim").then().statusCode(200);
            }
            tickets.add(Long.toString(id));
        }
        List<String> accounts = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            accounts.add(as("admin").body(Map.of("username", unique("fz."), "password", Api.PASSWORD, "name", "模糊",
                    "roles", List.of(Map.of("role", "RESIDENT")))).post("/api/v1/accounts").then().statusCode(201)
                    .extract().<Number> path("id").toString());
            keys.add(as("admin").body(Map.of("name", unique("fz-key"), "regionId", district)).post("/api/v1/api-keys")
                    .then().statusCode(201).extract().<Number> path("id").toString());
        }
        String street = as("admin").body(Map.of("parentId", district, "type", "STREET", "name", unique("模糊街道")))
                .post("/api/v1/regions").then().statusCode(201).extract().<Number> path("id").toString();
        String code = unique("FZ_").toUpperCase().replace('.', '_');
        as("admin").body(Map.of("code", code, "nameZh", "模糊", "nameEn", "Fuzz", "group", "测试", "defaultMatterClass", "MINOR",
                "responseLimit", Map.of("value", 2, "unit", "HOURS"), "resolutionLimit", Map.of("value", 3, "unit", "HOURS")))
                .post("/api/v1/categories").then().statusCode(201);
        List<String> anyId = IntStream.rangeClosed(0, 40).mapToObj(Integer::toString).toList();
        io.restassured.path.json.JsonPath filed = io.restassured.RestAssured.given()
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .body("api_key=demo-open311-key&service_code=GARBAGE&lat=30.2025&long=120.1025&description=fuzz")
                .post("/open311/v2/requests.json").then().statusCode(201).extract().jsonPath();
        Map<String, List<String>> targets = new java.util.HashMap<>();
        for (String path : List.of("discovery", "services", "services/{service_code}", "requests", "requests/{service_request_id}",
                "tokens/{token}")) {
            targets.put("/open311/v2/" + path + ".{format}", List.of("json", "xml", "html"));
        }
        targets.put("/open311/v2/services/{service_code}", List.of("GARBAGE", "NO_SUCH_CODE"));
        targets.put("/open311/v2/requests/{service_request_id}", List.of(filed.getString("[0].service_request_id"), tickets.get(0)));
        targets.put("/open311/v2/tokens/{token}", List.of(filed.getString("[0].token"), "00000000-0000-0000-0000-000000000000"));
        targets.putAll(Map.of("/api/v1/tickets/{id}", tickets, "/api/v1/accounts/{id}", accounts, "/api/v1/api-keys/{id}", keys,
                "/api/v1/regions/{id}", List.of(street, "999999999"),
                "/api/v1/categories/{code}", List.of(code, "NO_SUCH_CODE"),
                "/api/v1/holidays/{year}", List.of("2090", "2095", "2100", "1999", "2101"),
                "/api/v1/tickets/{id}/extension-requests/{requestId}", anyId,
                "/api/v1/me/notifications/{id}", anyId));
        return targets;
    }
}
