package io.gridloop.shared.web;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridloop.shared.problem.Problem;
import io.gridloop.shared.problem.ProblemResponses;
import io.gridloop.shared.problem.ProblemType;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What happens to a request before and after the REST layer: it gets its request id first, and the
 * failures that never reach a resource (a body over the limit, a path nothing serves) still answer
 * with a problem.
 */
@ApplicationScoped
class HttpEdge {

    private final ObjectMapper json;
    private final long maxBodySize;

    HttpEdge(ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBodySize) {
        this.json = json;
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            MDC.put("requestId", RequestIds.assign(context.request()));
            if (declaresTooLargeBody(context.request())) {
                refuseTooLargeBody(context);
                return;
            }
            context.next();
        });
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
        router.route().order(Integer.MAX_VALUE).handler(context -> send(context, ProblemType.NOT_FOUND, "not-found.detail"));
    }

    private boolean declaresTooLargeBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        try {
            return length != null && Long.parseLong(length.trim()) > maxBodySize;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Quarkus' own body limit (route order -2) answers 413 with an empty body; this runs first so
     * the client gets a problem. The rest of the body is never read, so the connection cannot be reused.
     */
    private void refuseTooLargeBody(RoutingContext context) {
        if (context.request().version() != HttpVersion.HTTP_2) {
            context.response().putHeader("Connection", "close")
                    .endHandler(ended -> context.request().connection().close());
        }
        send(context, ProblemType.PAYLOAD_TOO_LARGE, "payload-too-large.detail");
    }

    private void failed(RoutingContext context) {
        if (context.response().headWritten()) {
            context.next();
            return;
        }
        switch (context.statusCode()) {
            case 413 -> send(context, ProblemType.PAYLOAD_TOO_LARGE, "payload-too-large.detail");
            case 404 -> send(context, ProblemType.NOT_FOUND, "not-found.detail");
            case 405 -> send(context, ProblemType.METHOD_NOT_ALLOWED, "method-not-allowed.detail");
            case 401 -> send(context, ProblemType.UNAUTHENTICATED, "unauthenticated.detail");
            case 403 -> send(context, ProblemType.FORBIDDEN, "forbidden.detail");
            case 400 -> send(context, ProblemType.BAD_REQUEST, "bad-request.detail");
            default -> send(context, ProblemType.INTERNAL, "internal.detail");
        }
    }

    private void send(RoutingContext context, ProblemType type, String detailKey) {
        Problem problem = ProblemResponses.problem(context.request(), type, detailKey, new Object[0], List.of());
        try {
            context.response()
                    .setStatusCode(problem.status())
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException impossible) {
            context.response().setStatusCode(problem.status()).end();
        }
    }

}
