package io.gridloop.shared.problem;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.RollbackException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.hibernate.StaleStateException;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.gridloop.shared.web.AllowedMethods;
import io.gridloop.shared.web.StrictJson;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

/** Every exception that reaches the REST layer leaves it as a problem+json response, never a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** PostgreSQL's SQLState for a row a unique index refused. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** admin_shutdown, crash_shutdown, cannot_connect_now: the server is stopping or starting. */
    private static final Set<String> UNAVAILABLE = Set.of("57P01", "57P02", "57P03");
    /** query_canceled: the statement outlasted its time limit (statement_timeout, a transaction timeout). */
    private static final String CANCELLED = "57014";
    /**
     * insufficient_resources (class 53): the database ran out of something for the statement (a sort's temporary files
     * filled the disk, memory, connections). The statement failed whole and nothing of the request was kept, so 503 with
     * Retry-After, logged as an error for the operator (the room must be made), not a defect of the request.
     */
    private static final String OUT_OF_RESOURCES = "53";

    private final AllowedMethods allowedMethods;

    public ProblemMappers(AllowedMethods allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        return ProblemResponses.response(request, e);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, HttpServerRequest request) {
        return ProblemResponses.response(request, ProblemException.invalid(violations(e.getConstraintViolations())));
    }

    /**
     * The violations by field, and a field's by message: the validator hands them over as a set, whose order differs
     * between two runs of the service, and one body should get one answer.
     */
    static List<Problem.Violation> violations(Set<? extends ConstraintViolation<?>> found) {
        List<Problem.Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> violation : found) {
            violations.add(new Problem.Violation(fieldName(violation.getPropertyPath()), violation.getMessage()));
        }
        violations.sort(Comparator.comparing(Problem.Violation::field).thenComparing(Problem.Violation::message));
        return violations;
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, HttpServerRequest request) {
        return ProblemResponses.response(request, ProblemException.invalid(
                List.of(new Problem.Violation(jsonPath(e), "field.unknown"))));
    }

    @ServerExceptionMapper
    public Response wrongType(JsonMappingException e, HttpServerRequest request) {
        if (e.getPath().isEmpty()) {
            return ProblemResponses.response(request, ProblemType.MALFORMED_BODY, "malformed-body.detail");
        }
        return ProblemResponses.response(request, ProblemException.invalid(List.of(new Problem.Violation(jsonPath(e),
                e instanceof StrictJson.UnsafeText ? "field.unsafe-text" : "field.wrong-type"))));
    }

    /** Overrides the Quarkus mapper for this type, which answers a wrong type or enum value with an empty 400. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        return wrongType(e, request);
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, HttpServerRequest request) {
        return ProblemResponses.response(request, ProblemType.MALFORMED_BODY, "malformed-body.detail");
    }

    /** Part headers that are not headers. */
    @ServerExceptionMapper
    public Response malformedMultipart(MultipartParser.MalformedMessageException e, HttpServerRequest request) {
        return ProblemResponses.response(request, ProblemType.MALFORMED_BODY, "malformed-body.multipart");
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, HttpServerRequest request) {
        return unauthenticated(request);
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, HttpServerRequest request) {
        return unauthenticated(request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return ProblemResponses.response(request, ProblemType.FORBIDDEN, "forbidden.detail");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        if (e.getCause() instanceof JsonMappingException mapping) {
            return wrongType(mapping, request);
        }
        if (e.getCause() instanceof JsonProcessingException) {
            return ProblemResponses.response(request, ProblemType.MALFORMED_BODY, "malformed-body.detail");
        }
        if (e instanceof NotFoundException
                && (e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof java.time.DateTimeException)) {
            // JAX-RS answers a query parameter it cannot convert (limit=many, from=yesterday) with 404; it is the client's error
            return ProblemResponses.response(request, ProblemType.BAD_REQUEST, "bad-parameter.detail");
        }
        if (e instanceof NotFoundException || e instanceof NotAllowedException) {
            // the REST layer tells neither which methods a path serves nor, when several resource classes
            // share a prefix, that another method serves it: a path served by some method is 405 with Allow
            Set<String> allowed = allowedMethods.of(request.path());
            if (allowed.isEmpty() || allowed.contains(request.method().name())) {
                return ProblemResponses.response(request, ProblemType.NOT_FOUND, "not-found.detail");
            }
            return ProblemResponses.response(request, ProblemException.methodNotAllowed(allowed));
        }
        if (e instanceof NotSupportedException) {
            return ProblemResponses.response(request, ProblemType.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type.detail");
        }
        if (e instanceof NotAcceptableException) {
            return ProblemResponses.response(request, ProblemType.NOT_ACCEPTABLE, "not-acceptable.detail");
        }
        int status = e.getResponse().getStatus();
        if (status == 413) {
            return ProblemResponses.response(request, ProblemType.PAYLOAD_TOO_LARGE, "payload-too-large.detail");
        }
        if (status >= 500) {
            return failed(e, request);
        }
        return ProblemResponses.response(request, ProblemType.BAD_REQUEST, "bad-request.detail");
    }

    /**
     * Two changes to one row at once: the later one's version no longer matches (a ticket action
     * racing another, or a scheduled job). Nothing of the later change was kept; the client reads
     * the resource again and decides.
     */
    @ServerExceptionMapper
    public Response concurrentChange(OptimisticLockException e, HttpServerRequest request) {
        return ProblemResponses.response(request, ProblemType.CONCURRENT_CHANGE, "concurrent-change.detail");
    }

    /** The same, when Hibernate's own exception arrives unconverted. */
    @ServerExceptionMapper
    public Response concurrentChange(StaleStateException e, HttpServerRequest request) {
        return ProblemResponses.response(request, ProblemType.CONCURRENT_CHANGE, "concurrent-change.detail");
    }

    /**
     * A unique index refused a row another transaction wrote first (23505): the row the check before
     * it did not see yet exists now, so the answer is the check's, 409 duplicate. Any other
     * constraint is a defect.
     */
    @ServerExceptionMapper
    public Response constraint(org.hibernate.exception.ConstraintViolationException e, HttpServerRequest request) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
            return ProblemResponses.response(request, ProblemType.DUPLICATE, "duplicate.detail");
        }
        return failed(e, request);
    }

    /**
     * Anything else is a defect, unless it wraps one of the races above: a flush or a commit
     * reports them inside a PersistenceException or a RollbackException.
     */
    @ServerExceptionMapper
    public Response internal(Throwable e, HttpServerRequest request) {
        if (databaseUnavailable(e)) {
            LOG.warnf("Request %s %s: the database is unavailable (%s)", request.method(), request.path(), e.getMessage());
            return ProblemResponses.response(request,
                    ProblemException.retryAfter(ProblemType.DATABASE_UNAVAILABLE, 5, "database-unavailable.detail"));
        }
        if (Causes.sqlState(e, CANCELLED) || timedOut(e)) {
            LOG.warnf("Request %s %s: a statement or the transaction outlasted its time limit", request.method(), request.path());
            return ProblemResponses.response(request,
                    ProblemException.retryAfter(ProblemType.DATABASE_UNAVAILABLE, 5, "database-unavailable.too-slow"));
        }
        if (Causes.sqlStateClass(e, OUT_OF_RESOURCES)) {
            LOG.errorf("Request %s %s: the database ran out of room for it (%s)", request.method(), request.path(), e.getMessage());
            return ProblemResponses.response(request,
                    ProblemException.retryAfter(ProblemType.DATABASE_UNAVAILABLE, 5, "database-unavailable.resources"));
        }
        if (Causes.of(e).anyMatch(cause -> cause instanceof OptimisticLockException || cause instanceof StaleStateException)) {
            return ProblemResponses.response(request, ProblemType.CONCURRENT_CHANGE, "concurrent-change.detail");
        }
        if (Causes.uniqueViolation(e, null)) {
            return ProblemResponses.response(request, ProblemType.DUPLICATE, "duplicate.detail");
        }
        if (multipartCutShort(e)) {
            return ProblemResponses.response(request, ProblemType.MALFORMED_BODY, "malformed-body.multipart");
        }
        if (request.response().closed()) {
            // the client went away (an upload or an export cut short): no one to answer, and nothing wrong here
            LOG.infof("Request %s %s: the client went away before its answer (%s)", request.method(), request.path(), e.getMessage());
            return ProblemResponses.response(request, ProblemType.INTERNAL, "internal.detail");
        }
        return failed(e, request);
    }

    /**
     * The transaction manager rolled back a transaction that outlasted its timeout, cancelling its statement; the
     * interceptor's commit then fails with nothing but "not active", and that replaces the cancelled statement's
     * exception. A commit refused for a reason of its own (a failed flush) carries that reason as its cause.
     */
    static boolean timedOut(Throwable e) {
        return Causes.of(e).anyMatch(cause -> cause instanceof RollbackException && cause.getCause() == null);
    }

    /**
     * A multipart body that ended before its closing boundary: the parser raises a bare IOException
     * of its own, while a failure to write the parts (a full disk) comes from the file it writes.
     */
    static boolean multipartCutShort(Throwable e) {
        return e.getClass() == IOException.class && e.getStackTrace().length > 0
                && e.getStackTrace()[0].getClassName().startsWith(MultipartParser.class.getPackageName() + ".");
    }

    /**
     * The database cannot be reached or is going down (SQLState class 08, 57P01-57P03), or no
     * connection came free in time: nothing of the request was kept, and the same request may
     * succeed later, so 503 with Retry-After, not a defect.
     */
    static boolean databaseUnavailable(Throwable e) {
        return Causes.of(e).anyMatch(cause -> cause instanceof JDBCConnectionException
                || cause instanceof SQLException sql && (sql.getSQLState() == null
                        ? String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT).contains("acquisition timeout")
                        : sql.getSQLState().startsWith("08") || UNAVAILABLE.contains(sql.getSQLState())));
    }

    private static Response failed(Throwable e, HttpServerRequest request) {
        LOG.errorf(e, "Request %s %s failed", request.method(), request.path());
        return ProblemResponses.response(request, ProblemType.INTERNAL, "internal.detail");
    }

    private static Response unauthenticated(HttpServerRequest request) {
        return Response.fromResponse(ProblemResponses.response(request, ProblemType.UNAUTHENTICATED, "unauthenticated.detail"))
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    /** `create.request.roles[0].regionId` → `roles[0].regionId`: the path as the client wrote it. */
    static String fieldName(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
                continue;
            }
            if (node.isInIterable() && field.length() > 0) {
                field.append('[').append(node.getIndex() == null ? node.getKey() : node.getIndex()).append(']');
            }
            // a constraint on the element itself (`List<@NotNull Role>`): `roles[0]`, without `<list element>`
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            if (node.getName() != null) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.length() == 0 ? parameterName(path) : field.toString();
    }

    /** A query or path parameter: the PARAMETER node carries the name the client used. */
    private static String parameterName(Path path) {
        String name = "";
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) {
                name = node.getName();
            }
        }
        return name;
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

}
