package io.gridloop.shared.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridloop.shared.problem.Problem;
import io.gridloop.shared.problem.ProblemResponses;
import io.gridloop.shared.problem.ProblemType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
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

    /** A refused body up to this size is read to its end before the connection closes (see refuseTooLargeBody). */
    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;
    private static final long DRAIN_MILLIS = 10_000;
    /** How long a request refused for want of room is told to wait: an upload takes seconds. */
    private static final int BUSY_RETRY_AFTER_SECONDS = 5;

    private final ObjectMapper json;
    private final AllowedMethods allowedMethods;
    private final long maxBodySize;
    private final List<LargeBodies> largeBodies;
    private final List<ErrorDialect> dialects;
    private final Semaphore largeBodyRequests;

    HttpEdge(ObjectMapper json, AllowedMethods allowedMethods, HttpConfig config, Instance<LargeBodies> largeBodies,
            Instance<ErrorDialect> dialects) {
        this.json = json;
        this.allowedMethods = allowedMethods;
        this.maxBodySize = config.maxBodySize().asLongValue();
        this.largeBodies = largeBodies.stream().toList();
        this.dialects = dialects.stream().toList();
        this.largeBodyRequests = new Semaphore(config.largeBodyRequests());
    }

    /** The body limit of a path: the general one, or what the feature serving it takes on. */
    private long maxBodySize(String path) {
        for (LargeBodies bodies : largeBodies) {
            OptionalLong limit = bodies.limit(path);
            if (limit.isPresent()) {
                return limit.getAsLong();
            }
        }
        return maxBodySize;
    }

    private boolean streamed(String path) {
        return largeBodies.stream().anyMatch(bodies -> bodies.streamed(path));
    }

    private boolean takesLargeBodies(String path) {
        return largeBodies.stream().anyMatch(bodies -> bodies.limit(path).isPresent());
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            MDC.put("requestId", RequestIds.assign(context.request()));
            securityHeaders(context);
            long declaredLength = declaredLength(context.request());
            long bodyLimit = maxBodySize(context.request().path());
            if (context.request().uri().length() > EdgeLimits.MAX_URI) {
                send(context, ProblemType.URI_TOO_LONG, "uri-too-long.detail");
            } else if (headerSize(context.request()) > EdgeLimits.MAX_HEADERS) {
                send(context, ProblemType.HEADERS_TOO_LARGE, "headers-too-large.detail");
            } else if (declaredLength > bodyLimit) {
                refuseTooLargeBody(context, declaredLength);
            } else if (!safeUri(context.request())) {
                send(context, ProblemType.BAD_REQUEST, "unsafe-uri.detail");
            } else if (repeatedParameter(context.request())) {
                send(context, ProblemType.BAD_REQUEST, "repeated-parameter.detail");
            } else if (untypedBody(context.request(), declaredLength)) {
                send(context, ProblemType.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type.detail");
            } else if (context.request().method() == HttpMethod.OPTIONS
                    && !context.request().headers().contains("Access-Control-Request-Method")) {
                // a browser's CORS preflight goes on to Quarkus' CORS filter (quarkus.http.cors.origins)
                answerOptions(context);
            } else if (!hasBody(context.request(), declaredLength)) {
                context.next();
            } else if (takesLargeBodies(context.request().path())
                    && (declaredLength >= 0 || streamed(context.request().path()))) {
                admitLargeBody(context);
            } else {
                readBody(context, bodyLimit);
            }
        });
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
        router.route().order(Integer.MAX_VALUE).handler(context -> send(context, ProblemType.NOT_FOUND, "not-found.detail"));
    }

    /**
     * OPTIONS on the API names the methods of exactly this path (the REST layer's answer lists its whole
     * resource class, and answers 200 for paths nothing serves).
     */
    private void answerOptions(RoutingContext context) {
        String path = context.request().path();
        Set<String> allowed = allowedMethods.of(path);
        if (!allowed.isEmpty()) {
            context.response().setStatusCode(204).putHeader("Allow", String.join(", ", allowed)).end();
        } else if (path.startsWith("/api/")) {
            send(context, ProblemType.NOT_FOUND, "not-found.detail");
        } else {
            context.next();
        }
    }

    /**
     * Every answer is what its Content-Type says (nosniff). No API answer is kept by a browser or a proxy
     * (no-store): they carry tokens, phones and whatever else a caller may see, and each is the caller's alone.
     * An answer that says how it may be cached (a stored upload, immutable by its hash) keeps its own rule.
     */
    private static void securityHeaders(RoutingContext context) {
        HttpServerResponse response = context.response();
        response.putHeader("X-Content-Type-Options", "nosniff");
        if (context.request().path().startsWith("/api/")) {
            context.addHeadersEndHandler(end -> {
                if (!response.headers().contains("Cache-Control")) {
                    response.putHeader("Cache-Control", "no-store");
                }
            });
        }
    }

    /**
     * SPEC §2: no control character (NUL included) in any path or query value. Checked once here, on the
     * decoded path and each decoded query name and value, so no parameter of any resource can carry one
     * into the database; an escape that is not one ({@code %zz}) is refused as well.
     */
    static boolean safeUri(HttpServerRequest request) {
        try {
            if (!SafeText.isSafeValue(URLDecoder.decode(request.path().replace("+", "%2B"), StandardCharsets.UTF_8))) {
                return false;
            }
            String query = request.query();
            if (query != null) {
                for (String part : query.split("&")) {
                    if (!SafeText.isSafeValue(URLDecoder.decode(part, StandardCharsets.UTF_8))) {
                        return false;
                    }
                }
            }
            return true;
        } catch (IllegalArgumentException badEscape) {
            return false;
        }
    }

    /**
     * Every query parameter of the API takes one value: one given twice ({@code ?q=a&q=b}) is refused,
     * not read as whichever the REST layer happens to take.
     */
    private static boolean repeatedParameter(HttpServerRequest request) {
        if (!request.path().startsWith("/api/") || request.query() == null) {
            return false;
        }
        var parameters = request.params();
        return parameters.names().stream().anyMatch(name -> parameters.getAll(name).size() > 1);
    }

    /**
     * A body within the general limit is read here, on the event loop, before a worker thread takes the request:
     * the REST layer reads it on that thread, which then waits for as long as the client takes to send it, so as
     * many clients sending slowly as there are threads (a byte a minute each is enough, signed in or not) would
     * stall the service. It is kept in memory and the REST layer reads it from there as it would from the
     * connection; one over the limit fails the route with 413 (a problem below), as a declared one does before.
     * So is a larger body of unknown length (chunked) to a path that does not stream its bodies, against that
     * path's limit (the REST layer's own reader would answer an empty 413).
     */
    private static void readBody(RoutingContext context, long limit) {
        HttpServerRequest request = context.request();
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect")) && request.version() != HttpVersion.HTTP_1_0) {
            // the client waits to be asked for its body (curl does, a second, for any body over 1 KB)
            context.response().writeContinue();
        }
        Buffer body = Buffer.buffer();
        boolean[] refused = { false };
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                refused[0] = true;
                context.fail(413);
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(ended -> {
            if (!refused[0]) {
                context.setBody(body);
                context.next();
            }
        });
        request.resume();
    }

    /**
     * A body a feature takes over the general limit (an import, an upload) is not held in memory: the REST layer
     * reads it on the worker thread (streaming an upload to a temporary file) after refusing a caller without
     * credentials. So that slow senders of such bodies cannot take every thread, at most
     * {@code gridloop.http.large-body-requests} of them run at once, each from here to the end of its response;
     * one more is answered 503 with Retry-After.
     */
    private void admitLargeBody(RoutingContext context) {
        if (!largeBodyRequests.tryAcquire()) {
            context.response().putHeader("Retry-After", Integer.toString(BUSY_RETRY_AFTER_SECONDS));
            send(context, ProblemType.BUSY, "busy.large-bodies");
            return;
        }
        context.addEndHandler(ended -> largeBodyRequests.release());
        context.next();
    }

    private static boolean hasBody(HttpServerRequest request, long declaredLength) {
        return declaredLength > 0 || (declaredLength < 0 && request.headers().contains("Transfer-Encoding"));
    }

    /** A body on the API without a Content-Type: what it is cannot be known, so it is not guessed (415). */
    private static boolean untypedBody(HttpServerRequest request, long declaredLength) {
        return hasBody(request, declaredLength) && request.getHeader("Content-Type") == null && request.path().startsWith("/api/");
    }

    /** The headers' size as sent, near enough: each name and value with its separator and line end. */
    private static long headerSize(HttpServerRequest request) {
        long size = 0;
        for (var header : request.headers()) {
            size += header.getKey().length() + header.getValue().length() + 4;
        }
        return size;
    }

    /** The Content-Length the client declared, or -1 without one (or with nonsense). */
    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Quarkus' own body limit (route order -2) answers 413 with an empty body; this runs first so
     * the client gets a problem. A client commonly writes its whole body before it reads, and a
     * connection closed under its writes is reset before it sees the answer: so the rest of the body
     * is read and thrown away, up to {@link #DRAIN_LIMIT} bytes and {@link #DRAIN_MILLIS}, and only
     * then is the connection, which cannot be reused, closed.
     */
    private void refuseTooLargeBody(RoutingContext context, long declaredLength) {
        HttpServerRequest request = context.request();
        if (request.version() != HttpVersion.HTTP_2) {
            context.response().putHeader("Connection", "close");
            HttpConnection connection = request.connection();
            if (declaredLength > DRAIN_LIMIT) {
                context.response().endHandler(ended -> connection.close());
            } else {
                long timer = context.vertx().setTimer(DRAIN_MILLIS, expired -> connection.close());
                request.handler(discarded -> {
                }).endHandler(ended -> {
                    context.vertx().cancelTimer(timer);
                    connection.close();
                });
                request.resume();
            }
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
        for (ErrorDialect dialect : dialects) {
            var answer = dialect.answer(context.request().path(), problem);
            if (answer.isPresent()) {
                context.response().setStatusCode(answer.get().status()).putHeader("Content-Type", answer.get().contentType())
                        .end(answer.get().body());
                return;
            }
        }
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
