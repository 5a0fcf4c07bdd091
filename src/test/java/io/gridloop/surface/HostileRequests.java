package io.gridloop.surface;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gridloop.surface.OpenApiOperations.Operation;
import io.gridloop.surface.OpenApiOperations.Parameter;

/**
 * Requests drawn from an operation's schemas, then spoiled the way a hostile or broken client spoils
 * them (SPEC §2 "parsing is strict"): duplicate keys, control characters, lone surrogates, trailing
 * content, no Content-Type, scalar coercion, huge and negative numbers, overlong strings, unknown
 * fields, wrong types, deep nesting, empty bodies, broken escapes in the path and query. Everything
 * comes from the given {@link Random}, so a seed repeats a run.
 */
final class HostileRequests {

    /** Who sends a request: the header that says so (none for anonymous). */
    record Caller(String name, String header, String value) {
    }

    /** A request and what it is, for the report. */
    record Drawn(String description, RawHttp.Request request) {

        /**
         * Whether the request is refused before any handler of the service runs, with an empty 400: a
         * control character in a header value (Vert.x's HTTP codec), or a request target that
         * {@link URI} cannot parse, such as a broken escape (Quarkus' root handler, unless the JVM runs
         * with -Dvertx.disableURIValidation=true).
         */
        boolean refusedBeforeTheService() {
            boolean controlInHeaders = request.headers().stream()
                    .anyMatch(header -> header.getValue().chars().anyMatch(c -> c < 0x20 && c != '\t'));
            try {
                new URI(request.target());
                return controlInHeaders;
            } catch (URISyntaxException e) {
                return true;
            }
        }
    }

    /** Values that break a path or query value: control characters, broken escapes, invalid UTF-8, numbers out of range. */
    private static final List<String> HOSTILE_RAW = List.of("%00", "a%00b", "%01", "%1b", "%7F", "%0a", "%0d%0a", "%",
            "%G1", "%C3%28", "%ED%A0%80", "%FF", "%E2%80%AE", "-1", "0", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "1e309", "NaN", "1.5", "0x10", "true", "null", "%20", "..%2F..%2Fetc", "%2e%2e",
            "%E7%BD%91%E6%A0%BC", "'%20OR%201=1--", "%3Cscript%3E", "%25", "%2C", "1,2", "%5B%5D", "x".repeat(5000));

    private static final String TEXT = "楼道里堆放的杂物三天没人清理 路灯 Fuzz 3号楼";
    /** Markers put into a value by the tree mutations and replaced by raw text or bytes after serialization. */
    private static final String MARK = "\u00a7MARK\u00a7";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final OpenApiOperations api;
    private final Random random;
    private final Map<String, List<String>> targets;

    /**
     * @param targets for a path prefix with its parameter ({@code /api/v1/tickets/{id}}), the values the fuzzer may
     *        act on: resources it made itself, so no request can spoil the demo district other tests read
     */
    HostileRequests(OpenApiOperations api, Random random, Map<String, List<String>> targets) {
        this.api = api;
        this.random = random;
        this.targets = targets;
    }

    Drawn draw(Operation operation, Caller caller) {
        List<String> notes = new ArrayList<>();
        String target = target(operation, notes);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (caller.header() != null) {
            headers.add(Map.entry(caller.header(), caller.value()));
        }
        if (operation.path().startsWith("/api/v1/auth/")) {
            // sign-in failures are throttled per address: each draw comes from an address of its own
            headers.add(Map.entry("X-Forwarded-For", "10." + random.nextInt(256) + "." + random.nextInt(256) + "."
                    + random.nextInt(256)));
        }
        for (Parameter parameter : operation.parameters()) {
            if (parameter.in().equals("header") && (parameter.required() || random.nextInt(3) > 0)) {
                headers.add(Map.entry(parameter.name(), headerValue(parameter, notes)));
            }
        }
        byte[] body = null;
        if (operation.hasBody() || random.nextInt(20) == 0) {
            body = body(operation, headers, notes);
        }
        return new Drawn(operation.method() + " " + target + " as " + caller.name() + " " + notes,
                new RawHttp.Request(operation.method(), target, headers, body));
    }

    private String target(Operation operation, List<String> notes) {
        String path = operation.path();
        for (Parameter parameter : operation.parameters()) {
            if (parameter.in().equals("path")) {
                String placeholder = "{" + parameter.name() + "}";
                String template = operation.path();
                String prefix = template.substring(0, template.indexOf(placeholder) + placeholder.length());
                List<String> safe = targets.getOrDefault(prefix, List.of("999999999"));
                String value = random.nextInt(4) == 0 ? hostileRaw(notes, parameter.name())
                        : encode(safe.get(random.nextInt(safe.size())));
                path = path.replace(placeholder, value);
            }
        }
        StringBuilder query = new StringBuilder();
        for (Parameter parameter : operation.parameters()) {
            if (!parameter.in().equals("query") || (!parameter.required() && random.nextInt(3) == 0)) {
                continue;
            }
            String value = random.nextInt(4) == 0 ? hostileRaw(notes, parameter.name())
                    : encode(scalar(parameter.name(), parameter.schema()));
            int times = random.nextInt(25) == 0 ? 2 : 1;
            for (int i = 0; i < times; i++) {
                query.append(query.isEmpty() ? '?' : '&').append(parameter.name()).append('=').append(value);
            }
        }
        if (random.nextInt(30) == 0) {
            query.append(query.isEmpty() ? '?' : '&').append("unknown%00=1");
        }
        return path + query;
    }

    private String hostileRaw(List<String> notes, String name) {
        String value = HOSTILE_RAW.get(random.nextInt(HOSTILE_RAW.size()));
        notes.add(name + "=" + (value.length() > 40 ? value.substring(0, 10) + "…(" + value.length() + ")" : value));
        return value;
    }

    private String headerValue(Parameter parameter, List<String> notes) {
        if (random.nextInt(4) > 0) {
            return switch (parameter.name()) {
                case "If-Match" -> "\"" + random.nextInt(4) + "\"";
                case "Accept-Language" -> random.nextBoolean() ? "en" : "zh-CN,zh;q=0.9";
                default -> "fuzz-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            };
        }
        String value = switch (random.nextInt(9)) {
            case 0 -> "";
            case 1 -> "x".repeat(2000);
            case 2 -> "a\u0000b";
            case 3 -> "a\u0001\u001b";
            case 4 -> "网格";
            case 5 -> "W/\"1\"";
            case 6 -> "*";
            case 7 -> "\"99999999999999999999\"";
            default -> "en;q=abc,,;";
        };
        notes.add(parameter.name() + " hostile");
        return value;
    }

    private byte[] body(Operation operation, List<Map.Entry<String, String>> headers, List<String> notes) {
        JsonNode tree = operation.hasBody() ? value("body", operation.body(), 0) : NODES.objectNode();
        String contentType = "application/json";
        String text;
        int kind = random.nextInt(24);
        switch (kind) {
            case 0, 1, 2 -> text = write(tree);
            case 3 -> text = write(withLeaf(tree, NODES.numberNode(12345), notes, "number-for-value"));
            case 4 -> text = write(withLeaf(tree, NODES.numberNode(1), notes, "1-for-value"));
            case 5 -> text = write(withLeaf(tree, NODES.textNode("true"), notes, "string-for-value"));
            case 6 -> text = write(withLeaf(tree, NODES.arrayNode().add(1), notes, "array-for-value"));
            case 7 -> text = write(withLeaf(tree, NODES.objectNode().put("x", 1), notes, "object-for-value"));
            case 8 -> text = write(withLeaf(tree, NODES.nullNode(), notes, "null-for-value"));
            case 9 -> text = write(withLeaf(tree, NODES.textNode(MARK), notes, "huge-number"))
                    .replace("\"" + MARK + "\"", List.of("1e400", "123456789012345678901234567890", "-9223372036854775809",
                            "0.0000000000000000000000000001", "-0", "1E+2147483647").get(random.nextInt(6)));
            case 10 -> text = write(withLeaf(tree, NODES.numberNode(random.nextBoolean() ? -1 : 0), notes, "negative-or-zero"));
            case 11 -> text = write(withLeaf(tree, NODES.textNode("长".repeat(1 + random.nextInt(120_000))), notes, "overlong"));
            case 12 -> text = write(withLeaf(tree, NODES.textNode(MARK), notes, "control"))
                    .replace(MARK, List.of("\\u0000", "a\\u0007b", "\\u001b[31m", "\\u007f", "\u0000", "\u0001", "\u001f")
                            .get(random.nextInt(7)));
            case 13 -> text = write(withLeaf(tree, NODES.textNode(MARK), notes, "lone-surrogate"))
                    .replace(MARK, List.of("\\ud800", "a\\udc00", "\\ud800\\ud800", "\\udfff x").get(random.nextInt(4)));
            case 14 -> {
                text = duplicateKey(tree);
                notes.add("duplicate-key");
            }
            case 15 -> {
                text = write(tree) + List.of(" {}", "x", "]", "\u0000", " \"tail\"", "{\"a\":1}").get(random.nextInt(6));
                notes.add("trailing");
            }
            case 16 -> {
                int depth = 200 + random.nextInt(20_000);
                text = random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                notes.add("deep-" + depth);
            }
            case 17 -> {
                text = "";
                notes.add("empty");
            }
            case 18 -> {
                text = write(tree);
                contentType = null;
                notes.add("no-content-type");
            }
            case 19 -> {
                text = write(tree);
                contentType = List.of("text/plain", "application/xml", "application/json; charset=ISO-8859-1",
                        "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/*")
                        .get(random.nextInt(6));
                notes.add("content-type " + contentType);
            }
            case 20 -> {
                text = List.of("[]", "null", "42", "\"x\"", "true", "{", "}", "{'a':1}", "{\"a\":NaN}", "{/*c*/}", "\ufeff{}")
                        .get(random.nextInt(11));
                notes.add("not-an-object " + text);
            }
            case 21 -> {
                text = write(withUnknownField(tree));
                notes.add("unknown-field");
            }
            case 22 -> {
                String whole = write(tree);
                text = whole.substring(0, random.nextInt(whole.length() + 1));
                notes.add("truncated");
            }
            default -> {
                byte[] invalid = List.of(new byte[] { (byte) 0xC3, 0x28 }, new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
                        new byte[] { (byte) 0xFF }, new byte[] { (byte) 0xC0, (byte) 0x80 }).get(random.nextInt(4));
                notes.add("invalid-utf8");
                if (contentType != null) {
                    headers.add(Map.entry("Content-Type", contentType));
                }
                String[] parts = write(withLeaf(tree, NODES.textNode(MARK), notes, "")).split(MARK, 2);
                byte[] before = parts[0].getBytes(StandardCharsets.UTF_8);
                byte[] after = parts.length > 1 ? parts[1].getBytes(StandardCharsets.UTF_8) : new byte[0];
                byte[] bytes = new byte[before.length + invalid.length + after.length];
                System.arraycopy(before, 0, bytes, 0, before.length);
                System.arraycopy(invalid, 0, bytes, before.length, invalid.length);
                System.arraycopy(after, 0, bytes, before.length + invalid.length, after.length);
                return bytes;
            }
        }
        if (contentType != null) {
            headers.add(Map.entry("Content-Type", contentType));
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A value the schema allows, most of the time: enums, formats and names the service knows. */
    JsonNode value(String name, JsonNode schema, int depth) {
        JsonNode resolved = api.resolve(schema);
        if (resolved.has("enum")) {
            JsonNode options = resolved.get("enum");
            return options.get(random.nextInt(options.size()));
        }
        String type = resolved.path("type").asText(resolved.has("properties") ? "object" : "string");
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (name.equals("boundary")) {
                    // far from the demo grids, so a grid the fuzzer adds never takes their points
                    ArrayNode ring = object.put("type", "Polygon").putArray("coordinates").addArray();
                    ring.addArray().add(1.0).add(1.0);
                    ring.addArray().add(1.001).add(1.0);
                    ring.addArray().add(1.001).add(1.001);
                    ring.addArray().add(1.0).add(1.0);
                    return object;
                }
                List<String> required = new ArrayList<>();
                resolved.path("required").forEach(r -> required.add(r.asText()));
                for (Iterator<Map.Entry<String, JsonNode>> it = resolved.path("properties").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> property = it.next();
                    if (depth < 6 && (required.contains(property.getKey()) || random.nextInt(5) < 3)) {
                        object.set(property.getKey(), value(property.getKey(), property.getValue(), depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int items = depth < 6 ? random.nextInt(Math.min(3, resolved.path("maxItems").asInt(3)) + 1) : 0;
                for (int i = 0; i < items; i++) {
                    array.add(value(name, resolved.path("items"), depth + 1));
                }
                return array;
            }
            case "integer" -> {
                return NODES.numberNode(Long.parseLong(scalar(name, resolved)));
            }
            case "number" -> {
                return NODES.numberNode(Double.parseDouble(scalar(name, resolved)));
            }
            case "boolean" -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            default -> {
                return NODES.textNode(scalar(name, resolved));
            }
        }
    }

    /** A scalar for a query parameter or a leaf: by the field's name where the service expects a shape. */
    private String scalar(String name, JsonNode schema) {
        JsonNode resolved = api.resolve(schema);
        if (resolved.has("enum")) {
            JsonNode options = resolved.get("enum");
            return options.get(random.nextInt(options.size())).asText();
        }
        String type = resolved.path("type").asText("string");
        if (type.equals("integer")) {
            if (name.toLowerCase().endsWith("id") || name.equals("duplicateOf")) {
                return Integer.toString(1 + random.nextInt(60));
            }
            long min = resolved.path("minimum").asLong(0);
            long max = resolved.path("maximum").asLong(min + 100);
            return Long.toString(min + (long) (random.nextDouble() * (max - min + 1)));
        }
        if (type.equals("number")) {
            return switch (name) {
                case "lat" -> Double.toString(30.2 + random.nextDouble() * 0.08);
                case "lng" -> Double.toString(120.08 + random.nextDouble() * 0.06);
                default -> Double.toString(random.nextDouble() * 100);
            };
        }
        if (type.equals("boolean")) {
            return Boolean.toString(random.nextBoolean());
        }
        if ("date-time".equals(resolved.path("format").asText()) || name.endsWith("At")) {
            return OffsetDateTime.now(ZoneOffset.UTC).plusDays(random.nextInt(400) - 30).toString();
        }
        if ("date".equals(resolved.path("format").asText()) || name.equals("date")) {
            return "2090-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10);
        }
        String suffix = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
        String value = switch (name) {
            case "username" -> "fz_" + suffix;
            case "password" -> "fuzz-password-" + suffix;
            case "phone", "reporterPhone" -> "138" + (10_000_000 + random.nextInt(89_999_999));
            case "code", "categoryCode" -> random.nextBoolean() ? "GARBAGE" : "FZ_" + suffix.toUpperCase();
            case "assignee" -> "me";
            case "cursor" -> random.nextBoolean() ? suffix : "eyJpZCI6MX0";
            case "q" -> random.nextBoolean() ? "路灯" : "3号楼 fuzz";
            case "url" -> "https://example.com/hook";
            default -> TEXT.substring(random.nextInt(6)) + " " + suffix;
        };
        int max = resolved.path("maxLength").asInt(Integer.MAX_VALUE);
        return value.length() > max ? value.substring(0, max) : value;
    }

    /** The tree with one leaf (or, for a tree with none, a new field) set to the value. */
    private JsonNode withLeaf(JsonNode tree, JsonNode value, List<String> notes, String note) {
        JsonNode copy = tree.deepCopy();
        List<JsonNode> containers = new ArrayList<>();
        collect(copy, containers);
        JsonNode container = containers.get(random.nextInt(containers.size()));
        if (container instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String field = names.isEmpty() ? "title" : names.get(random.nextInt(names.size()));
            object.set(field, value);
            note = note.isEmpty() ? field : note + " " + field;
        } else if (container instanceof ArrayNode array) {
            if (array.isEmpty()) {
                array.add(value);
            } else {
                array.set(random.nextInt(array.size()), value);
            }
        }
        if (!note.isEmpty()) {
            notes.add(note);
        }
        return copy;
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.forEach(child -> collect(child, containers));
        }
    }

    private JsonNode withUnknownField(JsonNode tree) {
        if (tree instanceof ObjectNode object) {
            return object.deepCopy().put("zzUnknown" + random.nextInt(3), "x");
        }
        return tree;
    }

    /** The first field written twice, the second time with another value. */
    private String duplicateKey(JsonNode tree) {
        String text = write(tree);
        if (!(tree instanceof ObjectNode object) || object.isEmpty()) {
            return "{\"title\":\"a\",\"title\":\"b\"}";
        }
        String field = object.fieldNames().next();
        return "{" + JSON.valueToTree(field) + ":" + write(object.get(field)) + "," + text.substring(1);
    }

    private static String write(JsonNode tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
