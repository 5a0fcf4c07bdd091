package io.gridloop.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Holds every exchange the tests have with the API to openapi/openapi.yaml (SPEC §2: the document is
 * exact), so the document cannot drift from what the service does. Installed before each test of every
 * {@code @QuarkusTest} class (META-INF/services), for all REST Assured traffic.
 *
 * <ul>
 * <li>Every response under {@code /api/} and {@code /open311/} must be one the document declares for its operation: status,
 * content type, headers and body schema.</li>
 * <li>A request the service accepted (2xx) must be one the document allows: a request the document
 * refuses but the service takes means the document is too narrow, or the service too lenient.</li>
 * <li>A request the service refused (4xx) is not checked against the document: the tests send hostile
 * input on purpose, and the answer, a problem, is still checked.</li>
 * <li>A path or method the document does not have, answered 404 or 405, agrees with it. Outside
 * {@code /api/} (Quarkus' {@code /q/} endpoints) and {@code OPTIONS} nothing is checked: the document does
 * not describe them.</li>
 * </ul>
 */
public final class ContractValidation implements OrderedFilter, QuarkusTestBeforeEachCallback {

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(readableDocument()).build();
    private static final JsonNode DOCUMENT = document();

    private static JsonNode document() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi/openapi.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (RestAssured.filters().stream().noneMatch(ContractValidation.class::isInstance)) {
            RestAssured.filters(new ContractValidation());
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification requestSpec, FilterableResponseSpecification responseSpec,
            FilterContext context) {
        Response response = context.next(requestSpec, responseSpec);
        Request request = RestAssuredRequest.of(requestSpec);
        if (!(request.getPath().startsWith("/api/") || request.getPath().startsWith("/open311/"))
                || request.getMethod() == Request.Method.OPTIONS) {
            return response;
        }
        ValidationReport report = VALIDATOR.validateResponse(request.getPath(), request.getMethod(),
                RestAssuredResponse.of(response));
        if (refusedAsUndocumented(report, response.statusCode())) {
            return response;
        }
        if (response.statusCode() < 300) {
            report = report.merge(requestSpec.getMultiPartParams().isEmpty() ? VALIDATOR.validateRequest(request)
                    : multipart(requestSpec, request));
        }
        if (report.hasErrors()) {
            throw new AssertionError("%s %s answered %d, which openapi/openapi.yaml does not describe:%n%s%n%s".formatted(
                    request.getMethod(), request.getPath(), response.statusCode(), report.getMessages(),
                    response.asString()));
        }
        return response;
    }

    /**
     * openapi/openapi.yaml as the validator reads it. The validator parses OpenAPI 3.0 schemas only (JSON
     * Schema draft 4); of a 3.1 document it silently drops a type list, so a null, a number or an unknown
     * field would pass. The few 3.1 forms the document uses are written the 3.0 way, meaning the same:
     * {@code type: [string, "null"]} becomes {@code type: string, nullable: true}; {@code anyOf: [..., {type:
     * "null"}]} stays, draft 4 has a null type; {@code examples} goes.
     */
    static String readableDocument() {
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            ObjectNode document = (ObjectNode) yaml.readTree(Path.of("openapi/openapi.yaml").toFile());
            if (!document.path("openapi").asText().startsWith("3.1.")) {
                throw new IllegalStateException("openapi/openapi.yaml is no longer OpenAPI 3.1: see ContractValidation");
            }
            document.put("openapi", "3.0.3");
            as30(document);
            return yaml.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void as30(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode type = object.get("type");
            if (type instanceof ArrayNode types) {
                if (types.size() != 2 || !types.get(1).asText().equals("null")) {
                    throw new IllegalStateException("a type list other than [type, \"null\"]: " + object);
                }
                object.set("type", types.get(0));
                object.put("nullable", true);
            }
            if (object.path("examples").isArray()) {
                object.remove("examples");
            }
        }
        node.forEach(ContractValidation::as30);
    }

    /**
     * A multipart request (an upload): the validator cannot read REST Assured's parts, so it checks the rest of
     * the request (path, parameters, headers) and this checks the parts: the operation takes
     * multipart/form-data and names each part sent as a property of its schema.
     */
    private static ValidationReport multipart(FilterableRequestSpecification requestSpec, Request request) {
        ValidationReport report = VALIDATOR.validateRequest(request);
        ValidationReport rest = ValidationReport.from(report.getMessages().stream()
                .filter(m -> !m.getKey().equals("validation.request.body.missing")).toList());
        JsonNode operation = operation(request);
        JsonNode properties = operation.path("requestBody").path("content").path("multipart/form-data").path("schema")
                .path("properties");
        for (var part : requestSpec.getMultiPartParams()) {
            if (!properties.has(part.getControlName())) {
                rest = rest.merge(ValidationReport.singleton(ValidationReport.Message.create("gridloop.multipart.part",
                        "the part " + part.getControlName() + " is not a multipart/form-data property of the operation").build()));
            }
        }
        return rest;
    }

    /** The document's operation for the request's method and path (its path templates matched segment by segment). */
    private static JsonNode operation(Request request) {
        String[] segments = request.getPath().split("/");
        var paths = DOCUMENT.path("paths").fields();
        while (paths.hasNext()) {
            var path = paths.next();
            String[] template = path.getKey().split("/");
            boolean matches = template.length == segments.length;
            for (int i = 0; matches && i < template.length; i++) {
                matches = template[i].startsWith("{") || template[i].equals(segments[i]);
            }
            if (matches) {
                return path.getValue().path(request.getMethod().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** A path or method the document does not have, which the service answers 404 or 405: the two agree. */
    private static boolean refusedAsUndocumented(ValidationReport report, int status) {
        return (status == 404 || status == 405) && !report.getMessages().isEmpty() && report.getMessages().stream()
                .allMatch(m -> m.getKey().equals("validation.request.path.missing")
                        || m.getKey().equals("validation.request.operation.notAllowed"));
    }

    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }
}
