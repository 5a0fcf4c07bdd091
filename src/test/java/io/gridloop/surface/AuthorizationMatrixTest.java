package io.gridloop.surface;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.agroal.api.AgroalDataSource;
import io.gridloop.inbox.Inbox;
import io.gridloop.media.Attachments;
import io.gridloop.support.Api;
import io.gridloop.support.FakeWeChat;
import io.gridloop.support.HeldConnections;
import io.gridloop.surface.AuthorizationMatrix.Persona;
import io.gridloop.surface.AuthorizationMatrix.Target;
import io.gridloop.surface.OpenApiOperations.Operation;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Object- and function-level authorization (OWASP API1, API5; issue 9 point 1): every operation of
 * openapi/openapi.yaml, as every persona of {@link AuthorizationMatrix}, on its own, a foreign and an
 * outside resource, answers what the hand-written table says; every refusal is a problem and leaves
 * what it was refused on as it was. An operation of the document without a block in the table (or a
 * block for an operation the document lacks) fails the test.
 */
@QuarkusTest
@WithTestResource(value = FakeWeChat.class, scope = TestResourceScope.GLOBAL)
class AuthorizationMatrixTest {

    static final String WECHAT_CODE = "matrix-wechat-code";
    private static final int THREADS = 8;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    HeldConnections connections;
    @Inject
    Inbox inbox;
    @Inject
    Attachments attachments;

    @FakeWeChat.Server
    WireMockServer wechat;

    private record Cell(String operation, Target target, Persona persona, int expected) {

        @Override
        public String toString() {
            return operation + " " + target.name().toLowerCase() + " as " + persona;
        }
    }

    @Test
    void every_operation_answers_every_persona_as_the_table_says_and_a_refusal_changes_nothing() throws Exception {
        wechat.stubFor(WireMock.get(WireMock.urlPathEqualTo("/sns/jscode2session"))
                .withQueryParam("js_code", WireMock.equalTo(WECHAT_CODE))
                .willReturn(WireMock.okJson("{\"openid\":\"matrix-openid\",\"session_key\":\"k\"}")));
        warmUpWeChat();
        Map<String, Map<Target, Map<Persona, Integer>>> table = AuthorizationMatrix.expectations();
        List<String> documented = OpenApiOperations.read().all().stream().map(Operation::key).toList();
        assertEquals(List.of(), documented.stream().filter(op -> !table.containsKey(op)).toList(),
                "operations of openapi/openapi.yaml without a block in AuthorizationMatrix.TABLE");
        assertEquals(List.of(), table.keySet().stream().filter(op -> !documented.contains(op)).toList(),
                "blocks in AuthorizationMatrix.TABLE for operations the document does not have");
        Instant ready = Instant.now();
        MatrixDistrict district = new MatrixDistrict(dataSource);
        Map<String, MatrixCases.Maker> cases = new MatrixCases(district, inbox, attachments).all();
        assertEquals(List.of(), documented.stream().filter(op -> !cases.containsKey(op)).toList(),
                "operations without a case in MatrixCases");

        List<Cell> cells = new ArrayList<>();
        table.forEach((operation, targets) -> targets.forEach((target, statuses) -> statuses
                .forEach((persona, status) -> cells.add(new Cell(operation, target, persona, status)))));
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        int mark = connections.mark();
        Instant start = Instant.now();
        System.out.println("AuthorizationMatrixTest: the district's extra people in " + Duration.between(ready, start).toMillis() + " ms");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<? extends Future<?>> runs = cells.stream().map(cell -> pool.submit(() -> {
            try {
                String problem = run(cell, cases.get(cell.operation()), district);
                if (problem != null) {
                    wrong.add(cell + ": " + problem);
                }
            } catch (RuntimeException | AssertionError e) {
                wrong.add(cell + ": " + e);
            }
        })).toList();
        for (Future<?> run : runs) {
            run.get();
        }
        pool.shutdown();
        System.out.println("AuthorizationMatrixTest: " + cells.size() + " cases over " + table.size() + " operations in "
                + Duration.between(start, Instant.now()).toMillis() + " ms");
        Collections.sort(wrong);
        assertEquals(List.of(), wrong);
        assertEquals(List.of(), connections.sinceOnWorkers(mark), "requests that took a second connection while holding one");
    }

    /** A WeChat sign-in before the matrix: the fake's first answers on a cold, busy JVM can take longer than the 1 s the service waits. */
    private static void warmUpWeChat() {
        for (int i = 0; i < 5; i++) {
            if (Api.anonymous().body(Map.of("code", WECHAT_CODE)).post("/api/v1/auth/wechat").statusCode() == 200) {
                return;
            }
        }
    }

    /** What is wrong with one try, or null. */
    private static String run(Cell cell, MatrixCases.Maker maker, MatrixDistrict district) {
        MatrixCases.Case tried = maker.make(cell.persona(), cell.target(), cell.expected() < 400);
        String before = tried.state().get();
        Response response = tried.call().apply(district.request(cell.persona()));
        String body = response.asString();
        if (response.statusCode() != cell.expected()) {
            return "expected " + cell.expected() + ", got " + response.statusCode() + " " + abbreviate(body);
        }
        if (cell.expected() < 400) {
            return null;
        }
        if (cell.operation().contains(" /open311/")) {
            // GeoReport v2's own error list (SPEC §2), not a problem
            if (!String.valueOf(response.contentType()).startsWith("application/json")
                    || response.jsonPath().getInt("[0].code") != cell.expected() || response.jsonPath().getString("[0].description") == null) {
                return "a refusal that is not an Open311 error: " + response.contentType() + " " + abbreviate(body);
            }
        } else if (!String.valueOf(response.contentType()).startsWith("application/problem+json")
                || response.jsonPath().getInt("status") != cell.expected() || response.jsonPath().getString("type") == null) {
            return "a refusal that is not a problem: " + response.contentType() + " " + abbreviate(body);
        }
        String after = tried.state().get();
        return before.equals(after) ? null : "refused, yet changed:\n  before " + before + "\n  after  " + after;
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
