package io.gridloop.shared.problem;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import io.gridloop.shared.web.RequestIds;
import io.vertx.core.http.HttpServerRequest;

/** Turns a problem kind and its detail into the localized problem+json response. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Problem problem(HttpServerRequest request, ProblemType type, String detailKey, Object[] arguments,
            List<Problem.Violation> violations) {
        Locale locale = Messages.localeOf(request.getHeader("Accept-Language"));
        List<Problem.Violation> localized = violations.stream()
                .map(v -> new Problem.Violation(v.field(), Messages.text(locale, v.message())))
                .toList();
        return new Problem(type.uri(), Messages.text(locale, type.slug() + ".title"), type.status(),
                Messages.text(locale, detailKey, arguments), request.path(), RequestIds.of(request), localized);
    }

    public static Response response(HttpServerRequest request, ProblemException e) {
        return response(problem(request, e.type(), e.detailKey(), e.arguments(), e.violations()), e.headers());
    }

    public static Response response(HttpServerRequest request, ProblemType type, String detailKey) {
        return response(problem(request, type, detailKey, new Object[0], List.of()), Map.of());
    }

    public static Response response(Problem problem, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem);
        headers.forEach(builder::header);
        return builder.build();
    }
}
