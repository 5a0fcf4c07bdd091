package io.gridloop.account;

import static io.gridloop.support.Api.anonymous;
import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.gridloop.shared.security.VerifiedTokens;
import io.gridloop.support.Api;
import io.gridloop.support.AtOnce;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Password sign-in and the bearer tokens it hands out. Every failing sign-in comes from its own
 * X-Forwarded-For address (the test profile trusts it), so these failures never lock 127.0.0.1 or
 * a demo account for the other tests.
 */
@QuarkusTest
class SignInTest {

    @Inject
    VerifiedTokens tokens;

    private static final String ISSUER = "https://gridloop.local";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String RIGHT_PASSWORD = "correct-horse-9";
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 20));

    // ---- password sign-in ------------------------------------------------------

    @Test
    void signing_in_returns_a_bearer_token_that_opens_me() {
        Response login = login("leader1", Api.PASSWORD, address());
        login.then().statusCode(200)
                .body("accessToken", notNullValue())
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", greaterThan(0))
                .body("account.username", equalTo("leader1"));
        String token = login.path("accessToken");
        int accountId = login.path("account.id");

        given().header("Authorization", "Bearer " + token).get("/api/v1/me")
                .then().statusCode(200)
                .body("account.id", equalTo(accountId))
                .body("account.username", equalTo("leader1"))
                .body("roles", equalTo(List.of("GRID_LEADER")))
                .body("regions.name", equalTo(List.of("幸福社区第一网格")))
                .body("regions.type", equalTo(List.of("GRID")));
    }

    @Test
    void a_wrong_password_and_an_unknown_username_get_the_same_401() {
        String username = newResident();
        String from = address();

        Response wrongPassword = login(username, "not-the-password", from);
        Response unknownUser = login(unique("nobody"), RIGHT_PASSWORD, from);

        for (Response response : List.of(wrongPassword, unknownUser)) {
            assertProblem(response, 401, "urn:gridloop:problem:invalid-credentials");
        }
        assertEquals(withoutRequestId(wrongPassword), withoutRequestId(unknownUser),
                "the answer must not tell a wrong password from an unknown username");
    }

    @Test
    void five_failures_from_one_address_lock_that_username_there_and_not_the_real_user_elsewhere() {
        String username = newResident();
        String attacker = address();
        for (int i = 0; i < 5; i++) {
            assertProblem(login(username, "wrong-" + i, attacker), 401, "urn:gridloop:problem:invalid-credentials");
        }

        Response locked = login(username, RIGHT_PASSWORD, attacker);

        assertProblem(locked, 429, "urn:gridloop:problem:login-throttled");
        assertRetryAfterWithinWindow(locked);
        login(username, RIGHT_PASSWORD, address()).then().statusCode(200).body("account.username", equalTo(username));
        // the pair only: the attacker's address still signs in another account
        login(newResident(), RIGHT_PASSWORD, attacker).then().statusCode(200);
    }

    @Test
    void failures_for_a_username_from_many_addresses_slow_its_sign_ins_down_and_never_lock_it() {
        String username = newResident();
        for (int i = 0; i < 8; i++) {
            assertProblem(login(username, "wrong-" + i, address()), 401, "urn:gridloop:problem:invalid-credentials");
        }

        long start = System.nanoTime();
        login(username, RIGHT_PASSWORD, address()).then().statusCode(200).body("account.username", equalTo(username));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(millis >= 900, "a username past its limit is slowed down, and this sign-in took " + millis + " ms");
    }

    /**
     * A slowed sign-in waits on a timer, not on a worker thread: the threads are as many as the pool's connections
     * (ops.PoolSizing), and sign-ins asleep on all of them, one second each, would hold up every other request.
     * Three times as many at once as there are threads take one slowdown, not three.
     */
    @Test
    void slowed_sign_ins_wait_holding_no_thread() throws Exception {
        String username = newResident();
        for (int i = 0; i < 8; i++) {
            assertProblem(login(username, "wrong-" + i, address()), 401, "urn:gridloop:problem:invalid-credentials");
        }
        int threads = ConfigProvider.getConfig().getValue("quarkus.thread-pool.max-threads", Integer.class);
        List<String> addresses = java.util.stream.IntStream.range(0, 3 * threads).mapToObj(i -> address()).toList();

        long start = System.nanoTime();
        List<Response> refused = AtOnce.requests(addresses.size(), i -> login(username, "wrong", addresses.get(i)));
        long millis = (System.nanoTime() - start) / 1_000_000;

        refused.forEach(answer -> assertProblem(answer, 401, "urn:gridloop:problem:invalid-credentials"));
        assertTrue(millis >= 900, "each was slowed down, and they took " + millis + " ms");
        assertTrue(millis < 3_000, addresses.size() + " slowed sign-ins on " + threads + " threads took " + millis
                + " ms: they waited for each other's slowdown");
    }

    @Test
    void twenty_failures_from_one_address_lock_that_address() {
        String from = address();
        String lastUnknown = null;
        for (int i = 0; i < 20; i++) {
            lastUnknown = unique("ghost" + i + "_");
            assertProblem(login(lastUnknown, "wrong", from), 401, "urn:gridloop:problem:invalid-credentials");
        }
        String username = newResident();

        Response locked = login(username, RIGHT_PASSWORD, from);

        assertProblem(locked, 429, "urn:gridloop:problem:login-throttled");
        assertRetryAfterWithinWindow(locked);
        // the lock holds that address only
        String elsewhere = address();
        assertProblem(login(lastUnknown, "wrong", elsewhere), 401, "urn:gridloop:problem:invalid-credentials");
        login(username, RIGHT_PASSWORD, elsewhere).then().statusCode(200).body("account.username", equalTo(username));
    }

    // ---- bearer tokens ---------------------------------------------------------

    @Test
    void a_token_signed_with_the_service_key_and_a_valid_expiry_is_accepted() {
        long resident = Api.accountId("resident1");
        long now = Instant.now().getEpochSecond();
        String token = claimsFor(resident).issuedAt(now).expiresAt(now + 600).jws().sign(serviceKey());

        given().header("Authorization", "Bearer " + token).get("/api/v1/me")
                .then().statusCode(200).body("account.id", equalTo((int) resident));
    }

    @Test
    void an_expired_token_is_refused() {
        long now = Instant.now().getEpochSecond();
        // an hour past its expiry: well beyond any clock skew the verifier allows
        String token = claimsFor(Api.accountId("resident1")).issuedAt(now - 7200).expiresAt(now - 3600)
                .jws().sign(serviceKey());

        assertRefused(token);
    }

    /**
     * Verified tokens are kept (shared/security/VerifiedTokens), but never past their expiry.
     * <p>
     * This test has to let wall time pass: the JWT library decides expiry on the system clock, not on
     * the injected one, and accepts a token until a second past its {@code exp} (the test profile's
     * clock skew). So the token expires at the next full second, and the test polls until the very
     * request that is refused: about 1.5 s. Two requests need not fit into that second on a loaded
     * machine; when they did not, the attempt proves nothing and is made again with a new token.
     */
    @Test
    void a_token_accepted_before_it_expired_is_refused_once_it_has() {
        long resident = Api.accountId("resident1");
        for (int attempt = 1;; attempt++) {
            long expiry = Instant.now().getEpochSecond() + 1;
            String token = claimsFor(resident).issuedAt(expiry - 1).expiresAt(expiry).jws().sign(serviceKey());
            int first = status(token);
            int second = status(token);
            if (first == 200 && second == 200) {
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> status(token) == 401);
                assertFalse(Instant.now().isBefore(Instant.ofEpochSecond(expiry)), "refused before its expiry");
                assertRefused(token);
                return;
            }
            assertFalse(Instant.now().isBefore(Instant.ofEpochSecond(expiry + 1)),
                    "a valid token was refused: " + first + ", then " + second);
            assertTrue(attempt < 3, "three tokens expired before two requests were answered");
        }
    }

    private static int status(String token) {
        return given().header("Authorization", "Bearer " + token).get("/api/v1/me").statusCode();
    }

    @Test
    void a_token_is_verified_once_and_a_bad_one_every_time() throws Exception {
        String token = Api.token("resident2");
        assertSame(tokens.parse(token), tokens.parse(token));
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + flipOneCharacter(parts[2]);
        assertThrows(ParseException.class, () -> tokens.parse(forged));
        assertThrows(ParseException.class, () -> tokens.parse(forged));
    }

    @Test
    void a_token_whose_payload_was_changed_is_refused() {
        String[] parts = Api.token("resident1").split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String promoted = claims.replace("\"RESIDENT\"", "\"DISTRICT_ADMIN\"");
        assertNotEquals(claims, promoted, "the real token names the RESIDENT group");

        assertRefused(parts[0] + "." + encode(promoted) + "." + parts[2]);
        assertRefused(parts[0] + "." + flipOneCharacter(parts[1]) + "." + parts[2]);
    }

    @Test
    void an_unsigned_token_is_refused() {
        String[] parts = Api.token("resident1").split("\\.");
        String none = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");

        assertRefused(none + "." + parts[1] + ".");
    }

    @Test
    void a_token_signed_by_another_key_is_refused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        long now = Instant.now().getEpochSecond();
        String token = claimsFor(Api.accountId("resident1")).issuedAt(now).expiresAt(now + 600)
                .jws().sign(generator.generateKeyPair().getPrivate());

        assertRefused(token);
    }

    @Test
    void a_token_that_is_not_a_jwt_is_refused() {
        assertRefused("this-is-not-a-token");
    }

    @Test
    void a_request_without_a_token_is_refused() {
        assertUnauthenticated(anonymous().get("/api/v1/me"));
    }

    // ---- helpers ---------------------------------------------------------------

    private static Response login(String username, String password, String clientAddress) {
        return given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", clientAddress)
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/login");
    }

    /** A fresh resident with {@link #RIGHT_PASSWORD}, so locking it disturbs no other test. */
    private static String newResident() {
        String username = unique("signin_");
        as("admin").body(Map.of("username", username, "password", RIGHT_PASSWORD, "name", "登录测试居民",
                "roles", List.of(Map.of("role", "RESIDENT")), "mustChangePassword", false))
                .post("/api/v1/accounts")
                .then().statusCode(201);
        return username;
    }

    /** A client address no other sign-in in this run has used. */
    private static String address() {
        int n = NEXT_ADDRESS.incrementAndGet();
        return "10." + ((n >> 16) & 0xFF) + "." + ((n >> 8) & 0xFF) + "." + (n & 0xFF);
    }

    private static JwtClaimsBuilder claimsFor(long accountId) {
        return Jwt.issuer(ISSUER)
                .subject(Long.toString(accountId))
                .upn(Long.toString(accountId))
                .groups(Set.of("RESIDENT"));
    }

    /** The key the service signs with: the test profile keeps it in its data directory. */
    private static PrivateKey serviceKey() {
        String dataDir = ConfigProvider.getConfig().getValue("gridloop.data-dir", String.class);
        try {
            String pem = Files.readString(Path.of(dataDir, "keys", "jwt-private.pem"));
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the service's signing key from " + dataDir, e);
        }
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String flipOneCharacter(String base64) {
        char[] chars = base64.toCharArray();
        int middle = chars.length / 2;
        chars[middle] = chars[middle] == 'A' ? 'B' : 'A';
        return new String(chars);
    }

    private static void assertRefused(String token) {
        assertUnauthenticated(given().header("Authorization", "Bearer " + token).get("/api/v1/me"));
    }

    private static void assertUnauthenticated(Response response) {
        assertProblem(response, 401, "urn:gridloop:problem:unauthenticated");
        response.then().header("WWW-Authenticate", startsWith("Bearer"));
    }

    private static void assertProblem(Response response, int status, String type) {
        response.then().statusCode(status)
                .header("Content-Type", startsWith(PROBLEM_JSON))
                .body("type", equalTo(type))
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .header("X-Request-Id", notNullValue())
                .body("requestId", equalTo(response.header("X-Request-Id")));
    }

    private static void assertRetryAfterWithinWindow(Response response) {
        response.then().header("Retry-After", matchesPattern("[1-9][0-9]*"));
        long seconds = Long.parseLong(response.header("Retry-After"));
        assertTrue(seconds <= 15 * 60, "Retry-After " + seconds + " s is longer than the 15-minute window");
    }

    private static Map<String, Object> withoutRequestId(Response response) {
        Map<String, Object> problem = new HashMap<>(response.jsonPath().getMap(""));
        problem.remove("requestId");
        return problem;
    }
}
