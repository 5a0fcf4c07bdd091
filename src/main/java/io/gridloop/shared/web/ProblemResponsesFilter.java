package io.gridloop.shared.web;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.gridloop.shared.problem.Problem;

/**
 * Documents what every operation shares: the bearer token it needs (sign-in excepted) and the
 * problem+json answers it may give, so that no resource has to repeat them.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    /** In a fixed order: the served document must be the same on every start. */
    private static final Map<String, String> COMMON = orderedMap(
            "400", "The request is malformed or a field is not valid",
            "401", "Not signed in, or the token is invalid or expired",
            "403", "The caller's role may not do this",
            "404", "Not found, or outside the caller's jurisdiction",
            "429", "Too many requests; see Retry-After",
            "500", "The service failed; quote the requestId");

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme("bearer")));
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            boolean signIn = path.startsWith("/api/v1/auth/");
            if (signIn) {
                operation.setSecurity(List.of());
            }
            addProblems(operation, signIn, method, path);
        }));
    }

    private static void addProblems(Operation operation, boolean signIn, PathItem.HttpMethod method, String path) {
        APIResponses responses = operation.getResponses();
        COMMON.forEach((status, description) -> {
            boolean applies = switch (status) {
                case "401", "403" -> !signIn;
                case "404" -> path.contains("{");
                case "429" -> signIn;
                default -> true;
            };
            if (applies && !responses.hasAPIResponse(status)) {
                responses.addAPIResponse(status, problem(description));
            }
        });
        if (method == PathItem.HttpMethod.PUT) {
            responses.addAPIResponse("412", problem("If-Match names an older version"));
            responses.addAPIResponse("428", problem("If-Match is missing"));
        }
        if (method == PathItem.HttpMethod.POST && !signIn) {
            responses.addAPIResponse("409", problem("A request with the same Idempotency-Key is still running"));
            responses.addAPIResponse("422", problem("The Idempotency-Key was used with another body"));
        }
    }

    private static APIResponse problem(String description) {
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
        return OASFactory.createAPIResponse().description(description).content(content);
    }
}
