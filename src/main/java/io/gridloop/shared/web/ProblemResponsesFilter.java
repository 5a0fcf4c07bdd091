package io.gridloop.shared.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.gridloop.shared.idempotency.Idempotent;
import io.gridloop.shared.problem.Problem;
import io.gridloop.shared.problem.ProblemType;

/**
 * Documents what every operation shares: the bearer token it needs (sign-in excepted; an API key too
 * where one may call), the problem+json answers it may give, 201 on creates and closed request bodies,
 * so that no resource has to repeat them.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final String SCHEMAS = "#/components/schemas/";
    private static final String PROBLEM_REF = SCHEMAS + "Problem";
    private static final String OPEN311 = "/open311/";
    /** In a fixed order: the served document must be the same on every start. */
    private static final Map<String, String> COMMON = orderedMap(
            "400", "The request is malformed or a field is not valid",
            "401", "Not signed in, or the token is invalid or expired",
            "403", "The caller's role may not do this",
            "404", "Not found, or outside the caller's jurisdiction",
            "406", "Accept names no media type this operation answers with",
            "414", "The path and query are too long",
            "429", "Too many requests; see Retry-After",
            "431", "The request's headers are too large",
            "500", "The service failed; quote the requestId",
            "503", "The database could not answer right now (unreachable, too slow, or out of room), or the instance is already"
                    + " serving as many exports, imports or uploads as it takes at once (busy); nothing was kept. Retry after Retry-After");

    /** What each kind of 409 tells the client to do. */
    private static final Map<ProblemType, String> CONFLICTS = Map.of(
            ProblemType.IDEMPOTENCY_IN_PROGRESS, "a request with the same Idempotency-Key is still running; retry after Retry-After",
            ProblemType.INVALID_TRANSITION, "the status (a ticket's, a redemption's, a withdrawn offer's, a registration's or"
                    + " report's: decided already) does not allow this action",
            ProblemType.OUT_OF_STOCK, "fewer pieces are left than asked for, or the item is withdrawn; nothing was spent",
            ProblemType.INSUFFICIENT_POINTS, "the caller's points do not cover price × quantity; nothing was taken",
            ProblemType.CONCURRENT_CHANGE, "someone changed it at the same moment; read it again and retry",
            ProblemType.DUPLICATE, "something with that natural key (username, code, name, an open request) already exists");
    /** Updates of a row with a version: a write racing another after the If-Match check loses with 409. */
    private static final Set<String> VERSIONED = Set.of("/api/v1/accounts/{id}", "/api/v1/categories/{code}",
            "/api/v1/regions/{id}", "/api/v1/points/rules", "/api/v1/store/items/{id}", "/api/v1/resources/{id}");
    /** Operations that create or rename something whose natural key must be unique. */
    private static final Set<String> NATURAL_KEYS = Set.of("POST /api/v1/accounts", "POST /api/v1/categories",
            "POST /api/v1/regions", "PUT /api/v1/regions/{id}", "POST /api/v1/units",
            "POST /api/v1/tickets/{id}/extension-requests", "POST /api/v1/district/import", "POST /api/v1/integrations/tickets",
            "POST /api/v1/members/{accountId}/registrations", "POST /api/v1/tickets/{id}/comments", "POST /api/v1/peer-reviews");

    /** Operations that answer 422 for a well-formed reference that names nothing the caller may use. */
    private static final Map<String, String> UNPROCESSABLE = Map.ofEntries(
            Map.entry("POST /api/v1/tickets", "the category is unknown or inactive, or the grid unknown or not one the caller may file into,"
                    + " or an attachmentIds entry is not the caller's own unattached upload"),
            Map.entry("POST /api/v1/tickets/{id}/triage", "the category is unknown or inactive"),
            Map.entry("POST /api/v1/tickets/{id}/notes", "an attachmentIds entry is not the caller's own unattached upload"),
            Map.entry("POST /api/v1/tickets/{id}/resolve", "an attachmentIds entry is not the caller's own unattached upload"),
            Map.entry("POST /api/v1/integrations/tickets", "the category is unknown or inactive, the grid named or located is outside the key's"
                    + " jurisdiction, or neither is given and the key is not bound to one grid"),
            Map.entry("POST /api/v1/webhooks", "the URL's host resolves to a loopback, private, link-local or multicast address and is not allow-listed"),
            Map.entry("POST /api/v1/store/items", "the community is unknown or not one the caller manages"),
            Map.entry("POST /api/v1/store/redemptions", "the item is unknown or not in a community the caller belongs to"),
            Map.entry("POST /api/v1/members/{accountId}/registrations", "the community is unknown"),
            Map.entry("PUT /api/v1/members/{accountId}/photo", "mediaId is not an image the member uploaded"
                    + " that no ticket has (a PDF, another's upload, an attached or an unknown one)"),
            Map.entry("POST /api/v1/resources", "the community is unknown or not one the caller may offer to"),
            Map.entry("POST /api/v1/peer-reviews", "the reviewee is the caller, or no party member of a community the caller is a party member of"));
    /** Operations that create something: 201 with its Location, not 200. */
    private static final Set<String> CREATES = Set.of("POST /api/v1/accounts", "POST /api/v1/api-keys",
            "POST /api/v1/categories", "POST /api/v1/regions", "POST /api/v1/units", "POST /api/v1/tickets",
            "POST /api/v1/webhooks", "POST /api/v1/integrations/tickets", "POST /api/v1/store/items",
            "POST /api/v1/store/redemptions", "POST /api/v1/members/{accountId}/registrations",
            "POST /api/v1/members/{accountId}/volunteer-hours", "POST /api/v1/resources", "POST /api/v1/tickets/{id}/comments",
            "POST /api/v1/peer-reviews");
    /** Creates that answer a repeat of the same call with 200 and what the first made (idempotent by natural key). */
    private static final Set<String> REPLAYS = Set.of("POST /api/v1/integrations/tickets");
    /** Operations without a path id whose query names a region: one the caller may not see is not found. */
    private static final Set<String> SCOPED_BY_QUERY = Set.of("GET /api/v1/wishes", "GET /api/v1/store/items",
            "GET /api/v1/store/redemptions", "GET /api/v1/member-registrations", "GET /api/v1/volunteer-hours",
            "GET /api/v1/boards/members", "GET /api/v1/boards/grids");

    /**
     * The operations an API key may call as well as a bearer token: those whose resource method is
     * {@code @Allowed(apiKeys = true)} (ApiKeyAccessTest calls every operation with a key and holds the
     * two to each other).
     */
    private static final Set<String> API_KEYS = Set.of("GET /api/v1/categories", "GET /api/v1/categories/{code}",
            "GET /api/v1/regions", "GET /api/v1/regions/{id}", "GET /api/v1/grids/locate", "GET /api/v1/units",
            "GET /api/v1/holidays/{year}", "GET /api/v1/tickets", "GET /api/v1/tickets/nearby", "GET /api/v1/tickets/{id}",
            "GET /api/v1/tickets/{id}/timeline", "POST /api/v1/integrations/tickets",
            "GET /api/v1/integrations/tickets/{source}/{externalId}", "POST /api/v1/webhooks", "GET /api/v1/webhooks",
            "DELETE /api/v1/webhooks/{id}", "GET /api/v1/webhooks/{id}/deliveries");

    /** Operations that take no credentials at all: the path carries its own (a signed link). */
    private static final Set<String> PUBLIC = Set.of("GET /api/v1/media-links/{link}");

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /**
     * The generator writes {@code @NotBlank} as the pattern {@code \\S}, which ECMA-262 reads otherwise than
     * the check it stands for (String.isBlank): it is replaced with the same rule in both dialects.
     */
    @Override
    public Schema filterSchema(Schema schema) {
        if ("\\S".equals(schema.getPattern())) {
            schema.setPattern(SafeText.NOT_BLANK);
        }
        return schema;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme("bearer")));
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            if (path.startsWith(OPEN311)) {
                return; // GeoReport v2's own conventions (its error list, XML, no bearer token): documented by the open311 feature
            }
            boolean signIn = path.startsWith("/api/v1/auth/");
            boolean open = PUBLIC.contains(method + " " + path);
            // set on every operation, in place of what the generator guesses from @Authenticated
            operation.setSecurity(signIn || open ? List.of() : API_KEYS.contains(method + " " + path)
                    ? List.of(OASFactory.createSecurityRequirement().addScheme("bearer"),
                            OASFactory.createSecurityRequirement().addScheme("apiKey"))
                    : List.of(OASFactory.createSecurityRequirement().addScheme("bearer")));
            describeSuccess(openAPI, operation, method, path);
            addProblems(operation, signIn, open, method, path);
        }));
    }

    /**
     * The 200 of a create becomes 201 with its Location. Request bodies refuse fields they do not name
     * (StrictJson), and so does their schema: {@code additionalProperties: false}.
     */
    private static void describeSuccess(OpenAPI openAPI, Operation operation, PathItem.HttpMethod method, String path) {
        APIResponses responses = operation.getResponses();
        if (CREATES.contains(method + " " + path)) {
            APIResponse created = responses.getAPIResponse("200");
            responses.removeAPIResponse("200");
            responses.addAPIResponse("201", created.description("Created").addHeader(HttpHeaders.LOCATION,
                    OASFactory.createHeader().description("the URL of what was created, under the public base URL")
                            .schema(OASFactory.createSchema().addType(SchemaType.STRING).format("uri"))));
            if (REPLAYS.contains(method + " " + path)) {
                responses.addAPIResponse("200", OASFactory.createAPIResponse()
                        .description("The same call was made before: what it created, as it is now")
                        .content(created.getContent()).headers(created.getHeaders()));
            }
        }
        if (operation.getRequestBody() != null) {
            operation.getRequestBody().getContent().getMediaTypes().values()
                    .forEach(type -> closed(openAPI, type.getSchema()));
        }
    }

    /** A request body's object schemas, nested ones included, take no field they do not name. */
    private static void closed(OpenAPI openAPI, Schema schema) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null) {
            closed(openAPI, openAPI.getComponents().getSchemas().get(schema.getRef().substring(SCHEMAS.length())));
            return;
        }
        if (schema.getProperties() != null && schema.getAdditionalPropertiesSchema() == null
                && schema.getAdditionalPropertiesBoolean() == null) {
            schema.setAdditionalPropertiesBoolean(false);
            schema.getProperties().values().forEach(property -> closed(openAPI, property));
        }
        closed(openAPI, schema.getItems());
        if (schema.getAnyOf() != null) {
            schema.getAnyOf().forEach(option -> closed(openAPI, option));
        }
    }

    /** Every error an operation can answer, each with its problem body (replacing the generator's bodiless 401/403). */
    private static void addProblems(Operation operation, boolean signIn, boolean open, PathItem.HttpMethod method, String path) {
        APIResponses responses = operation.getResponses();
        COMMON.forEach((status, description) -> {
            boolean applies = switch (status) {
                case "401" -> !open;
                case "403" -> !signIn && !open;
                case "404" -> path.contains("{") || SCOPED_BY_QUERY.contains(method + " " + path);
                case "429" -> signIn;
                default -> true;
            };
            if (applies) {
                responses.addAPIResponse(status, problem(signIn && status.equals("401")
                        ? "The username and password, or the WeChat code, are not valid" : description));
            }
        });
        // what a resource declares itself (@APIResponse) gets the problem body too
        responses.getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("4") && response.getContent() == null) {
                responses.addAPIResponse(status, problem(response.getDescription()).headers(response.getHeaders()));
            }
        });
        if (path.equals("/api/v1/auth/wechat")) {
            responses.addAPIResponse("502", problem("WeChat answered with something the service cannot use"));
            responses.addAPIResponse("503", problem("WeChat or the database cannot be reached; retry after Retry-After"));
        }
        if (operation.getRequestBody() != null) {
            // an operation that says more of its own 413 or 415 (an upload's) keeps what it says
            if (!responses.hasAPIResponse("413")) {
                responses.addAPIResponse("413", problem("The body is larger than the service takes"));
            }
            if (!responses.hasAPIResponse("415")) {
                responses.addAPIResponse("415", problem("The body is not application/json, or says nothing of what it is"));
            }
        }
        if (method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH || takesIfMatch(operation)) {
            responses.addAPIResponse("412", problem("If-Match names an older version"));
            responses.addAPIResponse("428", problem("If-Match is missing"));
        }
        boolean idempotent = idempotent(operation);
        List<ProblemType> conflicts = conflicts(method, path, idempotent);
        if (!conflicts.isEmpty()) {
            responses.addAPIResponse("409", problem(conflicts.stream()
                    .map(type -> "`" + type.uri() + "`: " + CONFLICTS.get(type))
                    .collect(Collectors.joining("; ", "Conflict, one of: ", ""))));
        }
        List<String> unprocessable = new ArrayList<>();
        if (UNPROCESSABLE.containsKey(method + " " + path)) {
            unprocessable.add(UNPROCESSABLE.get(method + " " + path));
        }
        if (idempotent) {
            unprocessable.add("the Idempotency-Key was used with another body");
        }
        // an operation that says all of its own 422s (an upload's) keeps what it says
        if (!unprocessable.isEmpty() && !responses.hasAPIResponse("422")) {
            responses.addAPIResponse("422", problem("Unprocessable: " + String.join("; or ", unprocessable)));
        }
    }

    /**
     * The 409 kinds an operation can answer, each from one rule: a retry while the first request with
     * its Idempotency-Key still runs, a ticket's status, a version that moved on between read and
     * write, a natural key that exists.
     */
    private static List<ProblemType> conflicts(PathItem.HttpMethod method, String path, boolean idempotent) {
        List<ProblemType> kinds = new ArrayList<>();
        if (idempotent) {
            kinds.add(ProblemType.IDEMPOTENCY_IN_PROGRESS);
        }
        if (method == PathItem.HttpMethod.POST && path.startsWith("/api/v1/tickets/{id}/")) {
            kinds.add(ProblemType.INVALID_TRANSITION);
            kinds.add(ProblemType.CONCURRENT_CHANGE);
        }
        if (method == PathItem.HttpMethod.POST && (path.startsWith("/api/v1/store/redemptions/{id}/")
                || path.equals("/api/v1/member-registrations/{id}/decision") || path.equals("/api/v1/volunteer-hours/{id}/decision"))) {
            kinds.add(ProblemType.INVALID_TRANSITION);
        }
        if (method == PathItem.HttpMethod.POST && path.equals("/api/v1/store/redemptions")) {
            kinds.add(ProblemType.OUT_OF_STOCK);
            kinds.add(ProblemType.INSUFFICIENT_POINTS);
        }
        if (method == PathItem.HttpMethod.PATCH && path.equals("/api/v1/resources/{id}")) {
            kinds.add(ProblemType.INVALID_TRANSITION);
        }
        if ((method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH) && VERSIONED.contains(path)) {
            kinds.add(ProblemType.CONCURRENT_CHANGE);
        }
        if (NATURAL_KEYS.contains(method + " " + path)) {
            kinds.add(ProblemType.DUPLICATE);
        }
        return kinds;
    }

    /** An operation that takes an Idempotency-Key (the resource method is {@code @Idempotent}). */
    private static boolean idempotent(Operation operation) {
        return operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() == Parameter.In.HEADER && Idempotent.HEADER.equalsIgnoreCase(p.getName()));
    }

    /** A DELETE that checks a version (If-Match) answers 412 and 428 as updates do. */
    private static boolean takesIfMatch(Operation operation) {
        return operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() == Parameter.In.HEADER && "If-Match".equalsIgnoreCase(p.getName()));
    }

    private static APIResponse problem(String description) {
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
        return OASFactory.createAPIResponse().description(description).content(content);
    }
}
