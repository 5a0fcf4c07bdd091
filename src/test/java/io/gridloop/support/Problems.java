package io.gridloop.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** What every error response shares (SPEC §2): an RFC 9457 problem, tied to its request, with nothing internal in it. */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:gridloop:problem:";

    /** What would tell a client how the service is built: stack frames and Java or framework class names. */
    private static final List<String> INTERNALS = List.of("Exception", "\tat ", "at java.", "at io.", "Caused by",
            "java.lang", "io.gridloop", "io.quarkus", "io.vertx", "org.jboss", "org.hibernate", "com.fasterxml", ".java:");

    private Problems() {
    }

    /** Asserts the shape of a problem with this status and kind (`validation` for `urn:gridloop:problem:validation`). */
    public static JsonPath problem(Response response, int status, String kind) {
        String text = response.asString();
        assertEquals(status, response.statusCode(), text);
        assertThat(response.contentType(), startsWith("application/problem+json"));
        JsonPath body = response.jsonPath();
        assertEquals(TYPE_PREFIX + kind, body.getString("type"), text);
        assertEquals(status, body.getInt("status"), text);
        assertFalse(body.getString("title") == null || body.getString("title").isBlank(), text);
        assertFalse(body.getString("detail") == null || body.getString("detail").isBlank(), text);
        assertThat(text, body.getString("instance"), startsWith("/"));
        assertFalse(body.getString("requestId") == null || body.getString("requestId").isBlank(), text);
        assertThat("the body names the request of the X-Request-Id header", body.getString("requestId"),
                equalTo(response.header("X-Request-Id")));
        for (String internal : INTERNALS) {
            assertThat(text, not(containsString(internal)));
        }
        return body;
    }
}
