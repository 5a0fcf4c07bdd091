package io.gridloop.open311;

import static io.gridloop.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import com.fasterxml.jackson.databind.JsonNode;

import io.gridloop.support.TestClock;
import io.gridloop.ticket.DeadlineJobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Open311 GeoReport v2 as a client library expects it: shapes by the JSON Schemas, XML by a parser, the loop by the demo accounts. */
@QuarkusTest
class Open311Test {

    static final String KEY = "demo-open311-key";
    private static final String V2 = "/open311/v2/";

    @Inject
    TestClock clock;

    @Inject
    DeadlineJobs jobs;

    static RequestSpecification client() {
        return given().header("Accept-Language", "zh-CN");
    }

    static Map<String, Object> garbage(String description) {
        Map<String, Object> form = new HashMap<>(Map.of("api_key", KEY, "service_code", "GARBAGE", "lat", "30.2025",
                "long", "120.1025", "address_string", "幸福社区东门垃圾站", "description", description));
        form.put("first_name", "建华");
        form.put("last_name", "陈");
        form.put("phone", "13812345678");
        form.put("email", "chen@example.com");
        form.put("device_id", "device-42");
        form.put("media_url", "https://img.example.com/42.jpg");
        return form;
    }

    /** A form-encoded POST, its body written out (as a client library sends it, and so the contract check sees it). */
    static Response post(Map<String, ?> form, String format) {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(String.valueOf(e.getValue())))
                .collect(java.util.stream.Collectors.joining("&"));
        return client().contentType("application/x-www-form-urlencoded; charset=UTF-8").body(body).post(V2 + "requests." + format);
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The XML answer at the path, which must say what the JSON answer says. */
    static void xmlSaysTheSame(String path, Map<String, ?> query, JsonNode json, String root, String item) {
        String xml = client().queryParams(query).get(V2 + path + ".xml").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/xml")).extract().asString();
        Element parsed = Open311Answers.xml(xml);
        assertEquals(root, parsed.getTagName());
        Open311Answers.sameAs(json, parsed, item);
    }

    @Test
    void discovery_names_the_endpoint_and_its_formats() {
        JsonNode json = Open311Answers.valid("discovery.json", client().get(V2 + "discovery.json").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("application/json")).extract().asString());
        assertEquals("http://localhost:8080/open311/v2", json.at("/endpoints/0/url").asText());
        xmlSaysTheSame("discovery", Map.of(), json, "discovery", null);
    }

    @Test
    void services_are_the_catalogue_in_the_requests_language() {
        JsonNode zh = Open311Answers.valid("services.json", client().get(V2 + "services.json").then().statusCode(200).extract().asString());
        JsonNode garbage = find(zh, "GARBAGE");
        assertEquals("垃圾清运", garbage.get("service_name").asText());
        assertEquals("环境卫生", garbage.get("group").asText());
        assertFalse(garbage.get("metadata").asBoolean());
        JsonNode en = Open311Answers.valid("services.json", given().header("Accept-Language", "en").get(V2 + "services.json")
                .then().statusCode(200).extract().asString());
        assertEquals("Garbage collection", find(en, "GARBAGE").get("service_name").asText());
        xmlSaysTheSame("services", Map.of(), zh, "services", "service");

        long district = Open311Answers.valid("services.json", client().queryParam("api_key", KEY).get(V2 + "services.json")
                .then().statusCode(200).extract().asString()).size();
        assertEquals(zh.size(), district);
        JsonNode unknown = Open311Answers.valid("errors.json", client().queryParam("jurisdiction_id", "999999").get(V2 + "services.json")
                .then().statusCode(404).extract().asString());
        assertEquals(404, unknown.at("/0/code").asInt());
    }

    @Test
    void a_service_definition_lists_the_categorys_attributes() {
        JsonNode definition = Open311Answers.valid("service-definition.json", client().get(V2 + "services/GARBAGE.json")
                .then().statusCode(200).extract().asString());
        assertEquals("GARBAGE", definition.get("service_code").asText());
        assertEquals(0, definition.get("attributes").size());
        xmlSaysTheSame("services/GARBAGE", Map.of(), definition, "service_definition", null);
        Open311Answers.valid("errors.json", client().get(V2 + "services/NO_SUCH.json").then().statusCode(404).extract().asString());
        Element error = Open311Answers.xml(client().get(V2 + "services/NO_SUCH.xml").then().statusCode(404)
                .contentType(org.hamcrest.Matchers.startsWith("text/xml")).extract().asString());
        assertEquals("errors", error.getTagName());
        assertEquals("404", ((Element) error.getElementsByTagName("error").item(0)).getElementsByTagName("code").item(0).getTextContent());
    }

    @Test
    void a_request_filed_through_open311_goes_round_the_loop_and_reads_back_closed() {
        JsonNode filed = Open311Answers.valid("request-response.json", post(garbage("东门垃圾站三天没有清运，气味很大。"), "json")
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.matchesPattern("http://localhost:8080/open311/v2/requests/\\d+\\.json"))
                .extract().asString());
        String id = filed.at("/0/service_request_id").asText();
        String token = filed.at("/0/token").asText();

        as("leader1").get("/api/v1/tickets/" + id).then().statusCode(200)
                .body("source", org.hamcrest.Matchers.equalTo("OPEN311"))
                .body("status", org.hamcrest.Matchers.equalTo("SUBMITTED"))
                .body("title", org.hamcrest.Matchers.equalTo("东门垃圾站三天没有清运，气味很大。"))
                .body("reporter.name", org.hamcrest.Matchers.equalTo("建华 陈"))
                .body("reporter.phone", org.hamcrest.Matchers.equalTo("138****5678"));

        JsonNode open = read(id);
        assertEquals("open", open.at("/0/status").asText());
        assertEquals("GARBAGE", open.at("/0/service_code").asText());
        assertEquals("垃圾清运", open.at("/0/service_name").asText());
        assertEquals("幸福社区第一网格", open.at("/0/agency_responsible").asText());
        assertEquals("https://img.example.com/42.jpg", open.at("/0/media_url").asText());
        assertEquals(30.2025, open.at("/0/lat").asDouble());
        assertTrue(open.at("/0/expected_datetime").isNull());

        as("leader1").body(Map.of("target", "POOL")).post("/api/v1/tickets/" + id + "/dispatch").then().statusCode(200);
        assertFalse(read(id).at("/0/expected_datetime").isNull(), "the resolution deadline, once dispatched");
        as("party1").body(Map.of()).post("/api/v1/tickets/" + id + "/claim").then().statusCode(200);
        as("party1").body(Map.of("resolution", "已安排环卫车清运。")).post("/api/v1/tickets/" + id + "/resolve").then().statusCode(200);
        JsonNode resolved = read(id);
        assertEquals("open", resolved.at("/0/status").asText());
        assertTrue(resolved.at("/0/status_notes").asText().contains("已安排环卫车清运。"));
        try {
            // no reporter account can rate it: the feedback window runs out and the system closes it
            clock.set(java.time.OffsetDateTime.now().plus(Duration.ofDays(8)));
            jobs.autoClose();
            JsonNode closed = read(id);
            assertEquals("closed", closed.at("/0/status").asText());
            xmlSaysTheSame("requests/" + id, Map.of("api_key", KEY), closed, "service_requests", "request");
        } finally {
            clock.reset();
        }
        JsonNode byToken = Open311Answers.valid("token-response.json", client().queryParam("api_key", KEY)
                .get(V2 + "tokens/" + token + ".json").then().statusCode(200).extract().asString());
        assertEquals(id, byToken.at("/0/service_request_id").asText());

        String listed = client().queryParam("api_key", KEY).queryParam("service_request_id", id + ",1").get(V2 + "requests.json")
                .then().statusCode(200).extract().asString();
        Open311Answers.valid("requests.json", listed);
        for (String personal : List.of("13812345678", "138****5678", "chen@example.com", "建华", "device-42")) {
            assertFalse(listed.contains(personal), personal + " is never shown by Open311");
        }
    }

    @Test
    void media_url_is_the_tickets_first_photo_by_a_signed_link_that_a_client_fetches_without_credentials() {
        long filed = photo("resident1", java.awt.Color.RED);
        long ticket = as("resident1").body(Map.of("categoryCode", "GARBAGE", "title", "垃圾站满了", "description", "照片为证",
                "attachmentIds", List.of(filed))).post("/api/v1/tickets").then().statusCode(201).extract().<Number> path("id").longValue();
        String id = String.valueOf(ticket);
        String link = read(id).at("/0/media_url").asText();
        assertTrue(link.matches("^http://localhost:8080/api/v1/media-links/" + filed + "-[0-9]+-[A-Za-z0-9_-]{43}$"), link);
        assertEquals(link, read(id).at("/0/media_url").asText(), "the same link within its window, so clients cache the photo");
        xmlSaysTheSame("requests/" + id, Map.of("api_key", KEY), read(id), "service_requests", "request");
        String path = java.net.URI.create(link).getPath();

        byte[] served = given().get(path).then().statusCode(200).contentType("image/jpeg")
                .header("Cache-Control", org.hamcrest.Matchers.matchesPattern("^private, max-age=[0-9]+$"))
                .header("Content-Disposition", "inline; filename=\"media-" + filed + ".jpg\"").extract().asByteArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(as("resident1").get("/api/v1/media/" + filed).then().statusCode(200)
                .extract().asByteArray(), served, "the photo as stored, without its metadata");
        String etag = given().get(path).then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).get(path).then().statusCode(304);

        // a resolution's photo comes after: media_url stays the filing's
        as("leader1").body(Map.of("target", "POOL")).post("/api/v1/tickets/" + id + "/dispatch").then().statusCode(200);
        as("party1").body(Map.of()).post("/api/v1/tickets/" + id + "/claim").then().statusCode(200);
        long fixed = photo("party1", java.awt.Color.GREEN);
        as("party1").body(Map.of("resolution", "已清运", "attachmentIds", List.of(fixed))).post("/api/v1/tickets/" + id + "/resolve")
                .then().statusCode(200);
        assertEquals(link, read(id).at("/0/media_url").asText());

        // nothing else can be reached from a link: another id, another expiry, another signature, none at all
        String[] parts = path.substring(path.lastIndexOf('/') + 1).split("-", 3);
        String signature = parts[2];
        String flipped = (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1);
        for (String forged : List.of(fixed + "-" + parts[1] + "-" + signature, filed + "-" + (Long.parseLong(parts[1]) + 1) + "-" + signature,
                filed + "-" + parts[1] + "-" + flipped, filed + "-" + parts[1] + "-" + "A".repeat(43), String.valueOf(filed), "..%2F" + filed)) {
            given().urlEncodingEnabled(false).get("/api/v1/media-links/" + forged).then().statusCode(404)
                    .contentType("application/problem+json");
        }
        try {
            clock.set(java.time.OffsetDateTime.now().plus(Duration.ofDays(15)));
            given().get(path).then().statusCode(404);
            String renewed = read(id).at("/0/media_url").asText();
            assertNotEquals(link, renewed, "an expired link is replaced on the next read");
            given().get(java.net.URI.create(renewed).getPath()).then().statusCode(200).contentType("image/jpeg");
        } finally {
            clock.reset();
        }
    }

    /** A JPEG the account uploads; its media id. */
    private static long photo(String username, java.awt.Color color) {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D paint = image.createGraphics();
        paint.setColor(color);
        paint.fillRect(0, 0, 64, 48);
        paint.dispose();
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "jpeg", jpeg);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return given().header("Authorization", "Bearer " + io.gridloop.support.Api.token(username))
                .multiPart("file", "photo.jpg", jpeg.toByteArray(), "image/jpeg").post("/api/v1/media").then().statusCode(201)
                .extract().<Number> path("id").longValue();
    }

    @Test
    void the_list_filters_by_service_status_and_period_in_json_and_xml() {
        Map<String, Object> anonymous = garbage("列表过滤：" + System.nanoTime());
        List.of("first_name", "last_name", "phone", "email").forEach(anonymous::remove);
        String id = Open311Answers.valid("request-response.json", post(anonymous, "json")
                .then().statusCode(201).extract().asString()).at("/0/service_request_id").asText();
        // a submitter who gives no name: the ticket's reporter is the system that filed it
        as("leader1").get("/api/v1/tickets/" + id).then().statusCode(200)
                .body("reporter.name", org.hamcrest.Matchers.equalTo("Open311 演示客户端"));
        Map<String, Object> query = Map.of("api_key", KEY, "service_code", "GARBAGE", "status", "open");
        JsonNode list = Open311Answers.valid("requests.json", client().queryParams(query).get(V2 + "requests.json")
                .then().statusCode(200).extract().asString());
        assertTrue(ids(list).contains(id));
        assertTrue(ids(list).size() <= 1000);
        xmlSaysTheSame("requests", Map.of("api_key", KEY, "service_request_id", id), Open311Answers.valid("requests.json",
                client().queryParams(Map.of("api_key", KEY, "service_request_id", id)).get(V2 + "requests.json").then()
                        .statusCode(200).extract().asString()), "service_requests", "request");
        assertFalse(ids(Open311Answers.valid("requests.json", client().queryParams(Map.of("api_key", KEY, "status", "closed"))
                .get(V2 + "requests.json").then().statusCode(200).extract().asString())).contains(id));
        assertFalse(ids(Open311Answers.valid("requests.json", client().queryParams(Map.of("api_key", KEY, "service_code", "NOISE"))
                .get(V2 + "requests.json").then().statusCode(200).extract().asString())).contains(id));
        assertFalse(ids(Open311Answers.valid("requests.json", client().queryParams(Map.of("api_key", KEY,
                "start_date", "2020-01-01T00:00:00Z", "end_date", "2020-02-01T00:00:00Z"))
                .get(V2 + "requests.json").then().statusCode(200).extract().asString())).contains(id));
    }

    @Test
    void a_retried_post_answers_the_request_filed_first() {
        Map<String, Object> form = garbage("重试：" + System.nanoTime());
        JsonNode first = Open311Answers.valid("request-response.json", post(form, "json").then().statusCode(201).extract().asString());
        Element again = Open311Answers.xml(post(form, "xml").then().statusCode(200).extract().asString());
        assertEquals("service_requests", again.getTagName());
        Open311Answers.sameAs(first, again, "request");
        Map<String, Object> other = new HashMap<>(form);
        other.put("description", form.get("description") + "（补充）");
        JsonNode second = Open311Answers.valid("request-response.json", post(other, "json").then().statusCode(201).extract().asString());
        assertNotEquals(first.at("/0/service_request_id"), second.at("/0/service_request_id"));
    }

    @Test
    void a_key_reads_and_files_inside_its_jurisdiction_only() {
        long community3 = ((Number) as("admin").queryParam("parentId", street2()).get("/api/v1/regions").then().statusCode(200)
                .extract().path("items.find { it.name == '翠苑社区' }.id")).longValue();
        String key = as("admin").body(Map.of("name", io.gridloop.support.Api.unique("open311-翠苑-"), "regionId", community3))
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
        String id = Open311Answers.valid("request-response.json", post(garbage("辖区：" + System.nanoTime()), "json")
                .then().statusCode(201).extract().asString()).at("/0/service_request_id").asText();
        Open311Answers.valid("errors.json", client().queryParam("api_key", key).get(V2 + "requests/" + id + ".json")
                .then().statusCode(404).extract().asString());
        assertFalse(ids(Open311Answers.valid("requests.json", client().queryParams(Map.of("api_key", key, "service_request_id", id))
                .get(V2 + "requests.json").then().statusCode(200).extract().asString())).contains(id));
        Map<String, Object> outside = garbage("辖区外");
        outside.put("api_key", key);
        JsonNode refused = Open311Answers.valid("errors.json", post(outside, "json").then().statusCode(400).extract().asString());
        assertEquals(400, refused.at("/0/code").asInt());
    }

    @Test
    void hostile_input_answers_open311_errors_never_a_500() {
        assertError(post(Map.of("api_key", "not-a-key", "service_code", "GARBAGE", "lat", "30.2025", "long", "120.1025"), "json"), 403);
        assertError(post(Map.of("service_code", "GARBAGE", "lat", "30.2025", "long", "120.1025"), "json"), 400);
        assertError(post(Map.of("api_key", KEY, "lat", "30.2025", "long", "120.1025"), "json"), 400);
        assertError(post(Map.of("api_key", KEY, "service_code", "GARBAGE"), "json"), 400);
        assertError(post(Map.of("api_key", KEY, "service_code", "GARBAGE", "lat", "91", "long", "120.1025"), "json"), 400);
        assertError(post(Map.of("api_key", KEY, "service_code", "GARBAGE", "lat", "NaN", "long", "120.1025"), "json"), 400);
        assertError(post(Map.of("api_key", KEY, "service_code", "GARBAGE", "lat", "0", "long", "0"), "json"), 400);
        assertError(post(Map.of("api_key", KEY, "service_code", "GARBAGE", "lat", "30.2025", "long", "120.1025",
                "description", "坏\u0000字符"), "json"), 400);
        assertError(post(Map.of("api_key", KEY, "service_code", "GARBAGE", "lat", "30.2025", "long", "120.1025",
                "description", "长".repeat(4001)), "json"), 400);
        assertError(post(Map.of("api_key", KEY, "service_code", "GARBAGE", "lat", "30.2025", "long", "120.1025",
                "attribute[NOPE]", "1"), "json"), 400);
        assertError(post(Map.of("api_key", KEY, "service_code", "GARBAGE", "lat", "30.2025", "long", "120.1025",
                "media_url", "javascript:alert(1)"), "json"), 400);
        assertError(post(Map.of("api_key", KEY, "service_code", "GARBAGE", "lat", "30.2025", "long", "120.1025",
                "attribute[]", "1"), "json"), 400);
        assertError(client().contentType("application/json").body("{}").post(V2 + "requests.json"), 415);

        assertError(client().get(V2 + "requests.json"), 400);
        assertError(client().queryParam("api_key", "not-a-key").get(V2 + "requests.json"), 403);
        assertError(client().queryParams(Map.of("api_key", KEY, "start_date", "yesterday")).get(V2 + "requests.json"), 400);
        assertError(client().queryParams(Map.of("api_key", KEY, "start_date", "2026-01-01T00:00:00Z", "end_date",
                "2026-06-01T00:00:00Z")).get(V2 + "requests.json"), 400);
        assertError(client().queryParams(Map.of("api_key", KEY, "status", "pending")).get(V2 + "requests.json"), 400);
        String tooMany = String.join(",", java.util.stream.IntStream.rangeClosed(1, 101).mapToObj(String::valueOf).toList());
        assertError(client().queryParams(Map.of("api_key", KEY, "service_request_id", tooMany)).get(V2 + "requests.json"), 400);
        assertError(client().queryParams(Map.of("api_key", KEY, "service_request_id", "1;DROP")).get(V2 + "requests.json"), 400);
        assertError(client().urlEncodingEnabled(false).get(V2 + "requests.json?api_key=" + KEY + "&service_code=%00"), 400);
        assertError(client().urlEncodingEnabled(false).get(V2 + "requests.json?api_key=" + KEY + "&api_key=" + KEY), 400);
        assertError(client().queryParam("api_key", KEY).get(V2 + "requests/99999999999.json"), 404);
        assertError(client().queryParam("api_key", KEY).get(V2 + "tokens/00000000-0000-0000-0000-000000000000.json"), 404);
        assertError(client().get(V2 + "services.html"), 404);
        assertError(client().get(V2 + "nothing-here.json"), 404);
        Element xml = Open311Answers.xml(client().get(V2 + "requests.xml").then().statusCode(400)
                .contentType(org.hamcrest.Matchers.startsWith("text/xml")).extract().asString());
        assertEquals("errors", xml.getTagName());
        assertEquals("400", xml.getElementsByTagName("code").item(0).getTextContent());
    }

    private static void assertError(Response response, int status) {
        String body = response.then().statusCode(status).contentType(org.hamcrest.Matchers.startsWith("application/json"))
                .extract().asString();
        JsonNode errors = Open311Answers.valid("errors.json", body);
        assertEquals(status, errors.at("/0/code").asInt(), body);
        assertFalse(body.contains("Exception") || body.contains("at io."), body);
    }

    private static JsonNode read(String id) {
        return Open311Answers.valid("requests.json", client().queryParam("api_key", KEY).get(V2 + "requests/" + id + ".json")
                .then().statusCode(200).extract().asString());
    }

    private static JsonNode find(JsonNode services, String code) {
        for (JsonNode service : services) {
            if (service.get("service_code").asText().equals(code)) {
                return service;
            }
        }
        throw new AssertionError("no service " + code + " in " + services);
    }

    private static List<String> ids(JsonNode requests) {
        List<String> ids = new java.util.ArrayList<>();
        requests.forEach(r -> ids.add(r.get("service_request_id").asText()));
        return ids;
    }

    private static long street2() {
        Number district = as("admin").get("/api/v1/regions").then().statusCode(200).extract().path("items[0].id");
        return ((Number) as("admin").queryParam("parentId", district).get("/api/v1/regions").then().statusCode(200)
                .extract().path("items.find { it.name == '西溪街道' }.id")).longValue();
    }
}
