package io.gridloop.shared.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;

import org.jboss.resteasy.reactive.RestHeader;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What makes two requests under one Idempotency-Key "the same request" (SPEC §2: same key and body
 * replays, another body is 422): the method, the path with its query, and every endpoint argument
 * but headers. Without Quarkus: IdempotencyTest covers the store and the HTTP answers.
 */
class IdempotencyFingerprintTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Method CREATE = endpoint("create");
    private static final Method CLAIM = endpoint("claim");

    record Body(String code, String name, List<String> tags) {
    }

    @SuppressWarnings("unused")
    static final class Endpoints {
        void create(@HeaderParam(Idempotent.HEADER) String key, @HeaderParam("Accept-Language") String language, Body body) {
        }

        void claim(@PathParam("id") long id, @RestHeader("If-Match") String version) {
        }
    }

    @Test
    void the_same_request_has_the_same_fingerprint_a_sha_256_in_hex() throws Exception {
        String first = create("key-1", "zh-CN", new Body("LAMP", "路灯", List.of("a")));

        assertEquals(first, create("key-1", "zh-CN", new Body("LAMP", "路灯", List.of("a"))));
        assertTrue(first.matches("[0-9a-f]{64}"), first);
    }

    @Test
    void headers_such_as_the_key_itself_and_the_language_are_not_part_of_the_request() throws Exception {
        Body body = new Body("LAMP", "路灯", List.of());

        assertEquals(create("key-1", "zh-CN", body), create("key-2", "en", body));
        assertEquals(fingerprint("POST", "/api/v1/tickets/7/claim", CLAIM, 7L, "\"1\""),
                fingerprint("POST", "/api/v1/tickets/7/claim", CLAIM, 7L, "\"2\""));
    }

    @Test
    void another_body_is_another_request_down_to_one_character_or_one_list_item() throws Exception {
        String request = create("key", null, new Body("LAMP", "路灯", List.of("a")));

        assertNotEquals(request, create("key", null, new Body("LAMP", "路灯 ", List.of("a"))));
        assertNotEquals(request, create("key", null, new Body("LAMP", "路灯", List.of("a", "a"))));
        assertNotEquals(request, create("key", null, new Body("LAMP", null, List.of("a"))));
        assertNotEquals(request, create("key", null, null));
    }

    @Test
    void another_path_query_or_method_is_another_request() throws Exception {
        Body body = new Body("LAMP", "路灯", List.of());
        String request = fingerprint("POST", "/api/v1/categories", CREATE, "k", null, body);

        assertNotEquals(request, fingerprint("POST", "/api/v1/regions", CREATE, "k", null, body));
        assertNotEquals(request, fingerprint("POST", "/api/v1/categories?dryRun=true", CREATE, "k", null, body));
        assertNotEquals(request, fingerprint("PUT", "/api/v1/categories", CREATE, "k", null, body));
        assertNotEquals(fingerprint("POST", "/api/v1/tickets/7/claim", CLAIM, 7L, null),
                fingerprint("POST", "/api/v1/tickets/8/claim", CLAIM, 8L, null));
    }

    /**
     * The body is read into the endpoint's record before it is fingerprinted, so the order of the
     * fields in the client's JSON does not matter; inside a free-form map (a GeoJSON boundary,
     * category attributes) it does: a client retries with the very bytes it sent the first time.
     */
    @Test
    void the_order_of_a_records_fields_cannot_differ_but_the_order_inside_a_map_does_count() throws Exception {
        Body read = JSON.readValue("{\"tags\":[],\"name\":\"路灯\",\"code\":\"LAMP\"}", Body.class);
        assertEquals(create("k", null, new Body("LAMP", "路灯", List.of())), create("k", null, read));

        Map<String, Object> typeFirst = new LinkedHashMap<>();
        typeFirst.put("type", "Polygon");
        typeFirst.put("coordinates", List.of());
        Map<String, Object> coordinatesFirst = new LinkedHashMap<>();
        coordinatesFirst.put("coordinates", List.of());
        coordinatesFirst.put("type", "Polygon");
        assertNotEquals(fingerprint("POST", "/x", CREATE, "k", null, typeFirst),
                fingerprint("POST", "/x", CREATE, "k", null, coordinatesFirst));
    }

    private static String create(String key, String language, Body body) throws Exception {
        return fingerprint("POST", "/api/v1/categories", CREATE, key, language, body);
    }

    private static String fingerprint(String method, String uri, Method endpoint, Object... arguments) throws Exception {
        return IdempotencyInterceptor.fingerprint(method, uri, endpoint, arguments, JSON);
    }

    private static Method endpoint(String name) {
        for (Method method : Endpoints.class.getDeclaredMethods()) {
            if (method.getName().equals(name)) {
                return method;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
