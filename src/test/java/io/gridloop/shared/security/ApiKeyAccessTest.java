package io.gridloop.shared.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The document's security per operation is what the service does with an API key: every operation of
 * openapi/openapi.yaml is called with the demo key; one that lists the apiKey scheme must let it past
 * the caller check (neither 401 nor 403), as must one that needs no credentials at all; any other must
 * refuse it with 403 and change nothing (the refusal comes before validation, idempotency and the service).
 */
@QuarkusTest
class ApiKeyAccessTest {

    /** Path parameters that exist in the demo district, so a key that may call gets an ordinary answer. */
    private static final Map<String, String> PARAMETERS = Map.ofEntries(
            Map.entry("{id}", "1"), Map.entry("{code}", "GARBAGE"), Map.entry("{year}", "2026"),
            Map.entry("{requestId}", "1"), Map.entry("{deliveryId}", "1"), Map.entry("{source}", "12345"),
            Map.entry("{externalId}", "GD1"), Map.entry("{accountId}", "1"), Map.entry("{communityId}", "1"),
            Map.entry("{commentId}", "1"), Map.entry("{link}", "1-1-" + "A".repeat(43)));

    @Test
    void an_api_key_is_let_in_exactly_where_the_document_says() throws Exception {
        JsonNode paths = new YAMLMapper().readTree(Files.readString(Path.of("openapi/openapi.yaml"))).get("paths");
        List<String> wrong = new ArrayList<>();
        int operations = 0;
        for (var pathEntry : (Iterable<Map.Entry<String, JsonNode>>) paths::fields) {
            String path = pathEntry.getKey();
            if (!path.startsWith("/api/v1/") || path.startsWith("/api/v1/auth/")) {
                continue;
            }
            for (var operation : (Iterable<Map.Entry<String, JsonNode>>) pathEntry.getValue()::fields) {
                String method = operation.getKey().toUpperCase();
                JsonNode security = operation.getValue().path("security");
                // no requirement at all (a signed link's path): a key, like anything else, is let past the caller check
                boolean documented = security.findValues("apiKey").size() > 0 || (security.isArray() && security.isEmpty());
                String url = path;
                for (var parameter : PARAMETERS.entrySet()) {
                    url = url.replace(parameter.getKey(), parameter.getValue());
                }
                var request = given().header("X-API-Key", "demo-open311-key").header("If-Match", "\"0\"")
                        .queryParam("lat", 30.2025).queryParam("lng", 120.1085);
                if (operation.getValue().path("requestBody").path("content").has("multipart/form-data")) {
                    request.multiPart("file", "key.pdf", "%PDF-1.4\n%%EOF\n".getBytes(), "application/pdf");
                } else if (method.equals("POST") || method.equals("PUT")) {
                    request.contentType(ContentType.JSON).body("{}");
                }
                Response response = request.request(method, url);
                int status = response.statusCode();
                boolean refused = status == 401 || status == 403;
                operations++;
                if (documented == refused || (!documented && status != 403)) {
                    wrong.add(method + " " + path + (documented ? " (documented for keys)" : " (not for keys)") + ": " + status);
                }
            }
        }
        assertEquals(List.of(), wrong);
        org.junit.jupiter.api.Assertions.assertTrue(operations > 30, "only " + operations + " operations were called");
    }
}
