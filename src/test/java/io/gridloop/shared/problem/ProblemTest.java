package io.gridloop.shared.problem;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.gridloop.support.Catalog.category;
import static io.gridloop.support.Catalog.uniqueCode;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Api;
import io.gridloop.support.FailingResource;
import io.gridloop.support.Problems;
import io.gridloop.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Every kind of error answers with a localized RFC 9457 problem (SPEC §2). */
@QuarkusTest
class ProblemTest {

    /** The two languages of SPEC §2: Chinese when the client says nothing, English when it asks. */
    enum Language {
        CHINESE(null), ENGLISH("en");

        private final String acceptLanguage;

        Language(String acceptLanguage) {
            this.acceptLanguage = acceptLanguage;
        }

        RequestSpecification on(RequestSpecification request) {
            return acceptLanguage == null ? request : request.header("Accept-Language", acceptLanguage);
        }

        String pick(String chinese, String english) {
            return this == CHINESE ? chinese : english;
        }
    }

    @Inject
    AgroalDataSource dataSource;

    /** The common problem checks, plus the title and detail in the asked language and the exact instance. */
    private static JsonPath expect(Response response, Language language, int status, String kind, String chineseTitle,
            String englishTitle, String instance) {
        JsonPath problem = Problems.problem(response, status, kind);
        assertEquals(language.pick(chineseTitle, englishTitle), problem.getString("title"));
        String detail = problem.getString("detail");
        if (language == Language.CHINESE) {
            assertThat(detail, matchesPattern("(?s).*\\p{IsHan}.*"));
        } else {
            assertThat(detail, not(matchesPattern("(?s).*\\p{IsHan}.*")));
        }
        assertEquals(instance, problem.getString("instance"));
        return problem;
    }

    private static List<String> fields(JsonPath problem) {
        return problem.getList("violations.field", String.class);
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void a_nested_body_field_is_named_by_its_json_path(Language language) {
        Map<String, Object> body = category(uniqueCode("BAD"));
        body.put("responseLimit", Map.of("value", 0, "unit", "HOURS"));
        Response response = language.on(as("admin")).body(body).post("/api/v1/categories");

        JsonPath problem = expect(response, language, 400, "validation", "请求内容不合法", "Invalid request", "/api/v1/categories");
        assertThat(fields(problem), containsInAnyOrder("responseLimit.value"));
        assertThat(problem.getString("violations[0].message"), notNullValue());
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void a_list_element_and_its_field_are_named_with_their_index(Language language) {
        long district = as("admin").get("/api/v1/me").then().extract().<Number> path("account.districtId").longValue();
        List<Object> roles = new ArrayList<>();
        roles.add(Map.of("regionId", district));
        roles.add(null);
        Map<String, Object> body = new HashMap<>(Map.of("username", unique("problem."), "password", "gridloop",
                "name", "校验", "roles", roles));
        Response response = language.on(as("admin")).body(body).post("/api/v1/accounts");

        JsonPath problem = expect(response, language, 400, "validation", "请求内容不合法", "Invalid request", "/api/v1/accounts");
        assertThat(fields(problem), containsInAnyOrder("roles[0].role", "roles[1]"));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void a_value_of_the_wrong_type_is_a_violation_of_that_field(Language language) {
        Map<String, Object> body = category(uniqueCode("BAD"));
        body.put("responseLimit", Map.of("value", "four", "unit", "HOURS"));
        Response wrongNumber = language.on(as("admin")).body(body).post("/api/v1/categories");
        JsonPath problem = expect(wrongNumber, language, 400, "validation", "请求内容不合法", "Invalid request", "/api/v1/categories");
        assertThat(fields(problem), containsInAnyOrder("responseLimit.value"));

        long district = as("admin").get("/api/v1/me").then().extract().<Number> path("account.districtId").longValue();
        Map<String, Object> account = Map.of("username", unique("problem."), "password", "gridloop", "name", "校验",
                "roles", List.of(Map.of("role", "EMPEROR", "regionId", district)));
        Response unknownRole = language.on(as("admin")).body(account).post("/api/v1/accounts");
        problem = expect(unknownRole, language, 400, "validation", "请求内容不合法", "Invalid request", "/api/v1/accounts");
        assertThat(fields(problem), containsInAnyOrder("roles[0].role"));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void a_query_parameter_out_of_range_is_named_as_sent(Language language) {
        Response response = language.on(as("admin")).queryParam("limit", 1000).get("/api/v1/regions");

        JsonPath problem = expect(response, language, 400, "validation", "请求内容不合法", "Invalid request", "/api/v1/regions");
        assertThat(fields(problem), containsInAnyOrder("limit"));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void a_body_that_is_not_json_is_malformed(Language language) {
        Response response = language.on(as("admin")).body("{\"code\": \"AB\", ").post("/api/v1/categories");

        JsonPath problem = expect(response, language, 400, "malformed-body", "请求体格式错误", "Malformed request body",
                "/api/v1/categories");
        assertThat(problem.get("violations"), nullValue());
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void a_body_of_the_wrong_shape_is_malformed(Language language) {
        Response response = language.on(as("admin")).body("[1, 2]").post("/api/v1/categories");

        expect(response, language, 400, "malformed-body", "请求体格式错误", "Malformed request body", "/api/v1/categories");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void an_unknown_field_is_refused_by_its_json_path(Language language) {
        Map<String, Object> topLevel = category(uniqueCode("BAD"));
        topLevel.put("version", 42);
        JsonPath problem = expect(language.on(as("admin")).body(topLevel).post("/api/v1/categories"), language, 400,
                "validation", "请求内容不合法", "Invalid request", "/api/v1/categories");
        assertThat(fields(problem), containsInAnyOrder("version"));

        Map<String, Object> nested = category(uniqueCode("BAD"));
        nested.put("resolutionLimit", Map.of("value", 1, "unit", "HOURS", "grace", 2));
        problem = expect(language.on(as("admin")).body(nested).post("/api/v1/categories"), language, 400,
                "validation", "请求内容不合法", "Invalid request", "/api/v1/categories");
        assertThat(fields(problem), containsInAnyOrder("resolutionLimit.grace"));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void an_unknown_path_is_not_found_inside_and_outside_the_api(Language language) {
        expect(language.on(as("admin")).get("/api/v1/no-such-thing"), language, 404, "not-found", "未找到", "Not found",
                "/api/v1/no-such-thing");
        expect(language.on(given()).get("/no/such/page"), language, 404, "not-found", "未找到", "Not found", "/no/such/page");
        expect(language.on(as("admin")).get("/api/v1/categories/NO_SUCH_CODE"), language, 404, "not-found", "未找到",
                "Not found", "/api/v1/categories/NO_SUCH_CODE");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void a_method_the_path_does_not_serve_is_405(Language language) {
        Response response = language.on(as("admin")).delete("/api/v1/categories");

        expect(response, language, 405, "method-not-allowed", "不支持的请求方法", "Method not allowed", "/api/v1/categories");
        assertEquals("GET, HEAD, OPTIONS, POST", response.header("Allow"));

        // several resource classes serve /api/v1/tickets/…: the one that holds the path still decides
        String claim = "/api/v1/tickets/" + Long.MAX_VALUE + "/claim";
        response = language.on(as("admin")).patch(claim);
        expect(response, language, 405, "method-not-allowed", "不支持的请求方法", "Method not allowed", claim);
        assertEquals("OPTIONS, POST", response.header("Allow"));
        assertEquals("GET, HEAD, OPTIONS, PUT", language.on(as("admin")).delete("/api/v1/categories/STREETLIGHT").header("Allow"));
    }

    @Test
    void options_names_the_methods_of_exactly_that_path() {
        given().options("/api/v1/categories").then().statusCode(204).header("Allow", "GET, HEAD, OPTIONS, POST");
        given().options("/api/v1/categories/STREETLIGHT").then().statusCode(204).header("Allow", "GET, HEAD, OPTIONS, PUT");
        given().options("/api/v1/tickets/1/claim").then().statusCode(204).header("Allow", "OPTIONS, POST");
        Problems.problem(given().options("/api/v1/nothing-here"), 404, "not-found");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void a_body_that_is_not_json_by_media_type_is_415(Language language) {
        Response response = language.on(as("admin")).contentType(ContentType.TEXT).body("code=AB").post("/api/v1/categories");

        expect(response, language, 415, "unsupported-media-type", "不支持的内容类型", "Unsupported media type",
                "/api/v1/categories");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void an_answer_in_a_format_the_service_cannot_give_is_406(Language language) {
        Response response = language.on(as("admin")).accept("text/csv").get("/api/v1/categories");

        expect(response, language, 406, "not-acceptable", "无法提供所需格式", "Not acceptable", "/api/v1/categories");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void a_request_without_a_valid_token_is_401_with_a_bearer_challenge(Language language) {
        Response missing = language.on(Api.anonymous()).get("/api/v1/categories");
        expect(missing, language, 401, "unauthenticated", "未登录", "Not signed in", "/api/v1/categories");
        assertThat(missing.header("WWW-Authenticate"), equalTo("Bearer"));

        Response forged = language.on(Api.anonymous()).header("Authorization", "Bearer not.a.token").get("/api/v1/categories");
        expect(forged, language, 401, "unauthenticated", "未登录", "Not signed in", "/api/v1/categories");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void a_role_that_may_not_act_is_403(Language language) {
        Response response = language.on(as("resident1")).body(category(uniqueCode("RES"))).post("/api/v1/categories");

        expect(response, language, 403, "forbidden", "无权操作", "Not allowed", "/api/v1/categories");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void a_retry_while_the_first_request_runs_is_409_with_retry_after(Language language) {
        String key = unique("problem-409-");
        Map<String, Object> body = category(uniqueCode("P409"));
        as("admin").header("Idempotency-Key", key).body(body).post("/api/v1/categories").then().statusCode(201);
        // as if the first request were still running: only the record's state tells a retry apart from it
        Sql.update(dataSource, """
                UPDATE idempotency_record SET state = 'RUNNING', running_until = now() + interval '1 minute',
                       response_status = NULL, response_body = NULL, response_location = NULL, response_etag = NULL
                 WHERE owner = ? AND key = ?""", "account:" + Api.accountId("admin"), key);

        Response response = language.on(as("admin")).header("Idempotency-Key", key).body(body).post("/api/v1/categories");

        expect(response, language, 409, "idempotency-in-progress", "请求正在处理", "Request in progress", "/api/v1/categories");
        assertThat(Integer.parseInt(response.header("Retry-After")), greaterThan(0));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void a_key_reused_for_another_body_is_422(Language language) {
        String key = unique("problem-422-");
        as("admin").header("Idempotency-Key", key).body(category(uniqueCode("P422"))).post("/api/v1/categories")
                .then().statusCode(201);

        Response response = language.on(as("admin")).header("Idempotency-Key", key).body(category(uniqueCode("P422")))
                .post("/api/v1/categories");

        expect(response, language, 422, "idempotency-key-reused", "幂等键已被使用", "Idempotency key reused", "/api/v1/categories");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void an_update_without_if_match_is_428_and_with_a_stale_one_412(Language language) {
        String code = uniqueCode("PVER");
        as("admin").body(category(code)).post("/api/v1/categories").then().statusCode(201);
        String path = "/api/v1/categories/" + code;

        expect(language.on(as("admin")).body(category(code)).put(path), language, 428, "precondition-required",
                "缺少 If-Match", "If-Match required", path);
        expect(language.on(as("admin")).header("If-Match", "\"41\"").body(category(code)).put(path), language, 412,
                "precondition-failed", "版本已过期", "Stale version", path);
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void a_category_code_the_district_already_has_is_409_duplicate(Language language) {
        String code = uniqueCode("PDUP");
        as("admin").body(category(code)).post("/api/v1/categories").then().statusCode(201);

        JsonPath problem = expect(language.on(as("admin")).body(category(code)).post("/api/v1/categories"), language, 409,
                "duplicate", "已存在", "Already exists", "/api/v1/categories");
        assertThat(problem.getString("detail"), containsString(code));
    }

    /**
     * One rule, one answer: a code committed by another transaction after this request's check
     * passed is refused by the unique index (SQLState 23505), and the client hears the same 409
     * duplicate the check gives, not a 500.
     */
    @Test
    void a_code_another_transaction_commits_first_is_409_duplicate_from_the_unique_index() throws Exception {
        String code = uniqueCode("PRACE");
        Object district = Sql.column(dataSource, "SELECT district_id FROM account WHERE username = 'admin'").get(0);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = Sql.prepare(other, """
                    INSERT INTO category (id, district_id, code, name_zh, name_en, group_name, default_matter_class,
                                          response_limit, response_limit_unit, resolution_limit, resolution_limit_unit)
                    VALUES (nextval('category_seq'), ?, ?, '抢先', 'First', '测试', 'MINOR', 1, 'HOURS', 1, 'HOURS')""",
                    district, code)) {
                insert.executeUpdate();
            }
            Future<Response> create = pool.submit(() -> as("admin").body(category(code)).post("/api/v1/categories"));
            awaitWaitingOnLock(create, "insert into category %");
            other.commit();

            Problems.problem(create.get(60, TimeUnit.SECONDS), 409, "duplicate");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, Sql.count(dataSource, "SELECT count(*) FROM category WHERE code = ?", code));
    }

    /** Until the request's statement waits for a lock another transaction holds. */
    private void awaitWaitingOnLock(Future<Response> request, String statement) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Sql.count(dataSource, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE ?",
                statement) == 0) {
            if (request.isDone() || System.nanoTime() > deadline) {
                throw new AssertionError("the request never waited for the lock");
            }
            Thread.sleep(20);
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void an_action_the_tickets_status_forbids_is_409_invalid_transition(Language language) {
        Map<String, Object> ticket = Map.of("categoryCode", "GARBAGE", "title", unique("撤回两次-"),
                "description", "路灯坏了，晚上很黑。");
        long id = as("resident1").body(ticket).post("/api/v1/tickets").then().statusCode(201)
                .extract().<Number> path("id").longValue();
        String cancel = "/api/v1/tickets/" + id + "/cancel";
        as("resident1").body(Map.of()).post(cancel).then().statusCode(200);

        expect(language.on(as("resident1")).body(Map.of()).post(cancel), language, 409, "invalid-transition",
                "当前状态不允许此操作", "Not allowed in the current state", cancel);
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void a_body_over_one_mebibyte_is_413(Language language) {
        Map<String, Object> body = category(uniqueCode("HUGE"));
        body.put("nameZh", "x".repeat(1100 * 1024));
        Response response = language.on(as("admin")).body(body).post("/api/v1/categories");

        expect(response, language, 413, "payload-too-large", "请求体过大", "Request body too large", "/api/v1/categories");
    }

    /** A body sent in chunks has no declared length: it is measured as it arrives, with the same limit and answer. */
    @ParameterizedTest
    @EnumSource(Language.class)
    void a_chunked_body_over_one_mebibyte_is_413_and_one_within_it_is_read(Language language) throws Exception {
        Map<String, Object> huge = category(uniqueCode("HUGE"));
        huge.put("nameZh", "x".repeat(1100 * 1024));
        HttpResponse<String> refused = postChunked(language, huge);
        assertEquals(413, refused.statusCode());
        assertEquals(Problem.MEDIA_TYPE, refused.headers().firstValue("Content-Type").orElse(null));
        JsonPath problem = new JsonPath(refused.body());
        assertEquals("urn:gridloop:problem:payload-too-large", problem.getString("type"));
        assertEquals(language.pick("请求体过大", "Request body too large"), problem.getString("title"));

        String code = uniqueCode("CHNK");
        HttpResponse<String> created = postChunked(language, category(code));
        assertEquals(201, created.statusCode(), created.body());
    }

    /** Sends the body as a stream of unknown length, which HTTP/1.1 carries with Transfer-Encoding: chunked. */
    private static HttpResponse<String> postChunked(Language language, Map<String, Object> body) throws Exception {
        byte[] bytes = new ObjectMapper().writeValueAsBytes(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/v1/categories"))
                .version(HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + Api.token("admin"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
        if (language == Language.ENGLISH) {
            request.header("Accept-Language", "en");
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Clients commonly write a whole body before they read: the refused rest is read and dropped, so the
     * writes are not reset and the answer can still be read afterwards.
     * <p>
     * The one wait here is for something that must not happen: a server that closes as it answers sends
     * its FIN (or, once the rest arrives, a reset) right after the answer, and no event tells that a
     * correct server will not. So after the whole answer has been read the test gives the connection
     * 300 ms to close, and ends at once, failing, if it does.
     */
    @Test
    void a_client_that_goes_on_writing_an_oversized_body_after_the_413_is_not_reset() throws IOException {
        int length = 1100 * 1024;
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/categories HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = readAnswer(in);
            assertThat(answer, startsWith("HTTP/1.1 413"));
            assertThat(answer.toLowerCase(), containsString("connection: close"));
            assertThat(answer, containsString("payload-too-large"));
            socket.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, in::read, "the server closed the connection as it answered");
            socket.setSoTimeout(15_000);

            byte[] chunk = new byte[64 * 1024];
            for (int written = 0; written < length; written += chunk.length) {
                out.write(chunk, 0, Math.min(chunk.length, length - written));
                out.flush();
            }
            assertEquals(0, in.readAllBytes().length, "nothing follows the answer but the end of the connection");
        }
    }

    /** One HTTP/1.1 answer with a Content-Length, head and body, and not a byte more. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            assertNotEquals(-1, next, "the connection ended in the head: " + head);
            head.append((char) next);
        }
        Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
        assertTrue(length.find(), head.toString());
        return head + new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void a_sixth_sign_in_after_five_failures_is_429_with_retry_after(Language language) {
        String username = unique("ghost.");
        // a client address of its own, so that other tests' sign-ins from this machine are not throttled
        String address = "10.%d.%d.%d".formatted(ThreadLocalRandom.current().nextInt(1, 255),
                ThreadLocalRandom.current().nextInt(1, 255), ThreadLocalRandom.current().nextInt(1, 255));
        Map<String, String> wrong = Map.of("username", username, "password", "not-the-password");
        for (int i = 0; i < 5; i++) {
            Response failed = language.on(Api.anonymous()).header("X-Forwarded-For", address).body(wrong).post("/api/v1/auth/login");
            expect(failed, language, 401, "invalid-credentials", "用户名或密码错误", "Wrong username or password",
                    "/api/v1/auth/login");
        }

        Response response = language.on(Api.anonymous()).header("X-Forwarded-For", address).body(wrong).post("/api/v1/auth/login");

        expect(response, language, 429, "login-throttled", "登录失败次数过多", "Too many failed sign-ins", "/api/v1/auth/login");
        assertThat(Integer.parseInt(response.header("Retry-After")), greaterThan(0));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void a_failure_inside_the_service_is_500_without_its_message_or_stack(Language language) {
        Response response = language.on(given()).get("/test/failure");

        expect(response, language, 500, "internal", "服务内部错误", "Internal error", "/test/failure");
        assertThat(response.asString(), not(containsString(FailingResource.SECRET)));
        assertThat(response.asString(), not(containsString("hunter2")));
        assertThat(response.asString(), not(containsString("IllegalState")));
    }

    @Test
    void a_database_that_drops_the_connection_is_503_with_retry_after_and_the_next_request_works() {
        Response response = given().get("/test/failure/database");

        Problems.problem(response, 503, "database-unavailable");
        assertThat(response.header("Retry-After"), equalTo("5"));
        assertThat(response.asString(), not(containsString("57P01")));
        as("admin").get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void a_query_cancelled_for_taking_too_long_is_503_with_retry_after_not_a_defect() {
        Response response = given().get("/test/failure/slow");

        Problems.problem(response, 503, "database-unavailable");
        assertThat(response.header("Retry-After"), equalTo("5"));
        assertThat(response.asString(), not(containsString("57014")));
        assertThat(response.asString(), not(containsString("pg_sleep")));
    }

    /** A statement whose sort filled the disk (a year's consistency check at ten million tickets): the database's want, not a defect. */
    @Test
    void a_statement_the_database_has_no_room_for_is_503_with_retry_after_not_a_defect() {
        Response response = given().get("/test/failure/disk-full");

        Problems.problem(response, 503, "database-unavailable");
        assertThat(response.header("Retry-After"), equalTo("5"));
        assertThat(response.asString(), not(containsString("53100")));
        assertThat(response.asString(), not(containsString("pgsql_tmp")));
    }

    /**
     * A request whose transaction outlasts its limit (an operator's rebuild of years with the default 60 s): the
     * transaction manager rolls it back and cancels its statement, and the commit that follows fails in its stead.
     */
    @Test
    void a_transaction_rolled_back_for_taking_too_long_is_503_with_retry_after_not_a_defect() {
        Response response = given().get("/test/failure/timeout");

        Problems.problem(response, 503, "database-unavailable");
        assertThat(response.header("Retry-After"), equalTo("5"));
        assertThat(response.asString(), not(containsString("ARJUNA")));
        as("admin").get("/api/v1/me").then().statusCode(200);
    }

    /** The committed OpenAPI document must not learn about the test-only endpoint. */
    @Test
    void the_failing_test_endpoint_stays_out_of_the_openapi_document() {
        String document = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().asString();

        assertThat(document, containsString("/api/v1/categories"));
        assertThat(document, not(containsString("/test/failure")));
    }

    @Test
    void a_sane_request_id_from_the_client_is_echoed_in_header_and_body() {
        Response response = as("admin").header("X-Request-Id", "abc-123").get("/api/v1/categories/NO_SUCH_CODE");

        assertThat(Problems.problem(response, 404, "not-found").getString("requestId"), equalTo("abc-123"));
        as("admin").header("X-Request-Id", "abc-124").get("/api/v1/me")
                .then().statusCode(200).header("X-Request-Id", "abc-124");
    }

    @Test
    void an_insane_request_id_is_replaced_by_a_fresh_one() {
        for (String insane : List.of("abc 123", "x".repeat(65), "abc-123\"}")) {
            Response response = as("admin").header("X-Request-Id", insane).get("/api/v1/categories/NO_SUCH_CODE");

            String id = Problems.problem(response, 404, "not-found").getString("requestId");
            assertThat(id, not(equalTo(insane)));
            assertThat(id, matchesPattern("[A-Za-z0-9._:-]{1,64}"));
        }
    }

    @Test
    void every_request_gets_its_own_id_when_the_client_sends_none() {
        String first = as("admin").get("/api/v1/categories/NO_SUCH_CODE").header("X-Request-Id");
        String second = as("admin").get("/api/v1/categories/NO_SUCH_CODE").header("X-Request-Id");

        assertThat(first, notNullValue());
        assertThat(first, not(equalTo(second)));
    }
}
