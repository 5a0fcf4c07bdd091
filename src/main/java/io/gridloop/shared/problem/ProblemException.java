package io.gridloop.shared.problem;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A failure to report to the client as a problem. The detail is a message key (localized at the
 * edge) with its arguments; extra response headers such as Retry-After travel along.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final String detailKey;
    private final transient Object[] arguments;
    private final transient List<Problem.Violation> violations;
    private final transient Map<String, String> headers;

    public ProblemException(ProblemType type, String detailKey, Object... arguments) {
        this(type, detailKey, arguments, List.of(), Map.of());
    }

    private ProblemException(ProblemType type, String detailKey, Object[] arguments,
            List<Problem.Violation> violations, Map<String, String> headers) {
        super(type.slug() + ": " + detailKey, null, false, false);
        this.type = type;
        this.detailKey = detailKey;
        this.arguments = arguments;
        this.violations = violations;
        this.headers = headers;
    }

    public static ProblemException notFound() {
        return new ProblemException(ProblemType.NOT_FOUND, "not-found.detail");
    }

    public static ProblemException forbidden() {
        return new ProblemException(ProblemType.FORBIDDEN, "forbidden.detail");
    }

    /** 409: something with this natural key already exists; the detail names it. */
    public static ProblemException duplicate(String detailKey, Object... arguments) {
        return new ProblemException(ProblemType.DUPLICATE, detailKey, arguments);
    }

    /** 409: something with this natural key already exists at {@code location} (sent in the Location header); the detail names it. */
    public static ProblemException duplicateAt(String location, String detailKey, Object... arguments) {
        return new ProblemException(ProblemType.DUPLICATE, detailKey, arguments, List.of(), Map.of("Location", location));
    }

    /** A 400 listing the fields that are wrong; messages are message keys. */
    public static ProblemException invalid(List<Problem.Violation> violations) {
        return new ProblemException(ProblemType.VALIDATION, "validation.detail", new Object[0], violations, Map.of());
    }

    /** A 422: the request is well-formed, but these of its rows or fields cannot be used; the detail sums them up. */
    public static ProblemException unprocessable(List<Problem.Violation> violations, String detailKey, Object... arguments) {
        return new ProblemException(ProblemType.UNPROCESSABLE, detailKey, arguments, violations, Map.of());
    }

    public static ProblemException invalidField(String field, String messageKey) {
        return invalid(List.of(new Problem.Violation(field, messageKey)));
    }

    /** Too many requests: the client may try again after the given number of seconds. */
    public static ProblemException retryAfter(ProblemType type, long seconds, String detailKey) {
        return new ProblemException(type, detailKey, new Object[] { seconds }, List.of(),
                Map.of("Retry-After", Long.toString(Math.max(1, seconds))));
    }

    /** 405: the path is served, by these methods only (RFC 9110 requires them in Allow). */
    public static ProblemException methodNotAllowed(Collection<String> allowed) {
        return new ProblemException(ProblemType.METHOD_NOT_ALLOWED, "method-not-allowed.detail", new Object[0], List.of(),
                Map.of("Allow", String.join(", ", allowed)));
    }

    public ProblemType type() {
        return type;
    }

    public String detailKey() {
        return detailKey;
    }

    public Object[] arguments() {
        return arguments;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
