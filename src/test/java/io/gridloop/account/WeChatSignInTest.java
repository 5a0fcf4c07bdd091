package io.gridloop.account;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.gridloop.support.Api.anonymous;
import static io.gridloop.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;

import io.gridloop.support.FakeWeChat;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Residents sign in with the code from wx.login, which the service trades at WeChat's
 * jscode2session. WeChat is a local fake; each test stubs the codes it sends, so tests never see
 * each other's answers.
 */
@QuarkusTest
@WithTestResource(value = FakeWeChat.class, scope = TestResourceScope.GLOBAL)
class WeChatSignInTest {

    @FakeWeChat.Server
    WireMockServer weChat;

    @Test
    void the_first_sign_in_creates_a_resident_and_the_next_finds_the_same_account() {
        String openId = unique("o-test-");
        String firstCode = unique("code");
        String secondCode = unique("code");
        weChatAnswers(firstCode, session(openId));
        weChatAnswers(secondCode, session(openId));

        Response first = signIn(firstCode);
        first.then().statusCode(200)
                .body("accessToken", notNullValue())
                .body("tokenType", Matchers.equalTo("Bearer"))
                .body("expiresIn", Matchers.greaterThan(0))
                .body("account.roles.role", Matchers.equalTo(List.of("RESIDENT")));
        int accountId = first.path("account.id");

        Response second = signIn(secondCode);
        second.then().statusCode(200).body("account.id", Matchers.equalTo(accountId));

        given().header("Authorization", "Bearer " + second.<String> path("accessToken")).get("/api/v1/me")
                .then().statusCode(200)
                .body("account.id", Matchers.equalTo(accountId))
                .body("roles", Matchers.equalTo(List.of("RESIDENT")));
    }

    @Test
    void an_invalid_or_used_code_is_401() {
        String invalid = unique("code");
        String used = unique("code");
        weChatAnswers(invalid, text("{\"errcode\":40029,\"errmsg\":\"invalid code\"}"));
        weChatAnswers(used, text("{\"errcode\":40163,\"errmsg\":\"code been used\"}"));

        assertProblem(signIn(invalid), 401, "urn:gridloop:problem:wechat-code-invalid");
        assertProblem(signIn(used), 401, "urn:gridloop:problem:wechat-code-invalid");
    }

    @Test
    void wechat_rate_limiting_us_is_429_with_retry_after() {
        String code = unique("code");
        weChatAnswers(code, text("{\"errcode\":45011,\"errmsg\":\"api minute-quota reach limit\"}"));

        Response response = signIn(code);

        assertProblem(response, 429, "urn:gridloop:problem:wechat-rate-limited");
        assertRetryAfter(response);
    }

    @Test
    void wechat_being_busy_is_503() {
        String code = unique("code");
        weChatAnswers(code, text("{\"errcode\":-1,\"errmsg\":\"system error\"}"));

        Response response = signIn(code);

        assertProblem(response, 503, "urn:gridloop:problem:wechat-unavailable");
        assertRetryAfter(response);
    }

    @Test
    void an_answer_that_is_not_json_is_502() {
        String code = unique("code");
        weChatAnswers(code, text("<html>502 Bad Gateway</html>"));

        assertProblem(signIn(code), 502, "urn:gridloop:problem:wechat-bad-gateway");
    }

    @Test
    void wechat_failing_with_http_500_is_502() {
        String code = unique("code");
        weChatAnswers(code, aResponse().withStatus(500).withBody("internal error"));

        assertProblem(signIn(code), 502, "urn:gridloop:problem:wechat-bad-gateway");
    }

    @Test
    void wechat_slower_than_the_timeout_is_503_with_retry_after() {
        String code = unique("code");
        // the test resource sets gridloop.wechat.timeout=PT2S
        weChatAnswers(code, session(unique("o-slow-")).withFixedDelay(5000));

        Response response = signIn(code);

        assertProblem(response, 503, "urn:gridloop:problem:wechat-unavailable");
        assertRetryAfter(response);
    }

    @Test
    void wechat_dropping_the_connection_is_503() {
        String reset = unique("code");
        String empty = unique("code");
        weChatAnswers(reset, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        weChatAnswers(empty, aResponse().withFault(Fault.EMPTY_RESPONSE));

        for (String code : List.of(reset, empty)) {
            Response response = signIn(code);
            assertProblem(response, 503, "urn:gridloop:problem:wechat-unavailable");
            assertRetryAfter(response);
        }
    }

    /**
     * Sign-ins waiting on a slow WeChat hold no thread: more of them than there are worker threads wait at once,
     * no thread is ever seen inside the WeChat call, and each sign-in gets its token once WeChat has answered.
     */
    @Test
    void sign_ins_waiting_on_a_slow_wechat_hold_no_worker_thread() throws Exception {
        int count = ConfigProvider.getConfig().getValue("quarkus.thread-pool.max-threads", Integer.class) + 8;
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String code = unique("code");
            weChatAnswers(code, session(unique("o-wait-")).withFixedDelay(1500));
            codes.add(code);
        }
        ExecutorService clients = Executors.newFixedThreadPool(count);
        try {
            List<Future<Response>> signIns = new ArrayList<>();
            for (String code : codes) {
                signIns.add(clients.submit(() -> signIn(code)));
            }
            // watched from the first sign-in to the last answer: never a thread seen waiting for WeChat
            AtomicLong mostWaiting = new AtomicLong();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
                mostWaiting.accumulateAndGet(waitingOnWeChat(), Math::max);
                return signIns.stream().allMatch(Future::isDone);
            });
            assertEquals(0, mostWaiting.get(), "threads seen waiting for WeChat at once");
            for (Future<Response> signIn : signIns) {
                signIn.get(30, TimeUnit.SECONDS).then().statusCode(200).body("accessToken", notNullValue());
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** Threads inside the WeChat call, as a thread dump shows them. */
    private static long waitingOnWeChat() {
        return Thread.getAllStackTraces().values().stream().filter(stack -> Arrays.stream(stack)
                .anyMatch(frame -> frame.getClassName().endsWith(".WeChat") && frame.getMethodName().equals("openIdFor")))
                .count();
    }

    // ---- helpers ---------------------------------------------------------------

    /** Stubs WeChat's answer for one code; the stub also checks the app's credentials are sent. */
    private void weChatAnswers(String code, ResponseDefinitionBuilder answer) {
        weChat.stubFor(get(urlPathEqualTo("/sns/jscode2session"))
                .withQueryParam("appid", equalTo(FakeWeChat.APP_ID))
                .withQueryParam("secret", equalTo(FakeWeChat.SECRET))
                .withQueryParam("js_code", equalTo(code))
                .withQueryParam("grant_type", equalTo("authorization_code"))
                .willReturn(answer));
    }

    /** A successful jscode2session answer, labelled text/plain as the real WeChat labels its JSON. */
    private static ResponseDefinitionBuilder session(String openId) {
        return text("{\"session_key\":\"tiihtNczf5v6AKRyjwEUhQ==\",\"openid\":\"" + openId + "\"}");
    }

    private static ResponseDefinitionBuilder text(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody(body);
    }

    private static Response signIn(String code) {
        return anonymous().body(Map.of("code", code)).post("/api/v1/auth/wechat");
    }

    private static void assertProblem(Response response, int status, String type) {
        response.then().statusCode(status)
                .header("Content-Type", startsWith("application/problem+json"))
                .body("type", Matchers.equalTo(type))
                .body("status", Matchers.equalTo(status))
                .header("X-Request-Id", notNullValue())
                .body("requestId", Matchers.equalTo(response.header("X-Request-Id")));
    }

    private static void assertRetryAfter(Response response) {
        response.then().header("Retry-After", matchesPattern("[1-9][0-9]*"));
    }
}
