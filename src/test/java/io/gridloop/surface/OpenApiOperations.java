package io.gridloop.surface;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The operations of the committed document (openapi/openapi.yaml), read at test time: what the
 * authorization matrix and the fuzzer walk, so a new operation is covered (or fails) without a test change.
 */
final class OpenApiOperations {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /** One parameter of an operation: where it goes (path, query, header) and its schema. */
    record Parameter(String name, String in, JsonNode schema, boolean required) {
    }

    /** One operation: its method and path template, parameters, and JSON body schema (missing when none). */
    record Operation(String method, String path, List<Parameter> parameters, JsonNode body) {

        /** How the expectation table and reports name it: {@code POST /api/v1/tickets/{id}/claim}. */
        String key() {
            return method + " " + path;
        }

        boolean hasBody() {
            return !body.isMissingNode();
        }
    }

    private final JsonNode document;
    private final List<Operation> operations = new ArrayList<>();

    private OpenApiOperations(JsonNode document) {
        this.document = document;
        for (Map.Entry<String, JsonNode> path : iterable(document.path("paths"))) {
            for (Map.Entry<String, JsonNode> entry : iterable(path.getValue())) {
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                JsonNode operation = entry.getValue();
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    parameters.add(new Parameter(parameter.path("name").asText(), parameter.path("in").asText(),
                            resolve(parameter.path("schema")), parameter.path("required").asBoolean(false)));
                }
                operations.add(new Operation(entry.getKey().toUpperCase(), path.getKey(), List.copyOf(parameters),
                        resolve(operation.path("requestBody").path("content").path("application/json").path("schema"))));
            }
        }
    }

    static OpenApiOperations read() {
        try {
            return new OpenApiOperations(new YAMLMapper().readTree(Path.of("openapi/openapi.yaml").toFile()));
        } catch (IOException e) {
            throw new IllegalStateException("openapi/openapi.yaml cannot be read", e);
        }
    }

    List<Operation> all() {
        return operations;
    }

    /** The schema itself, or the component it refers to ({@code $ref: "#/components/schemas/X"}). */
    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            String ref = current.get("$ref").asText();
            current = ref.startsWith("#/") ? document.at(ref.substring(1)) : MissingNode.getInstance();
        }
        // a nullable reference may come as allOf/anyOf/oneOf of one schema (and null)
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            for (JsonNode option : current.path(combinator)) {
                JsonNode resolved = resolve(option);
                if (!"null".equals(resolved.path("type").asText())) {
                    return resolved;
                }
            }
        }
        return current;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
