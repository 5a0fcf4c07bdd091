package io.gridloop.shared.problem;

/** The kinds of problem gridloop reports: each has a stable type URI, a status and a localized title. */
public enum ProblemType {
    VALIDATION(400),
    MALFORMED_BODY(400),
    BAD_REQUEST(400),
    UNAUTHENTICATED(401),
    INVALID_CREDENTIALS(401),
    WECHAT_CODE_INVALID(401),
    FORBIDDEN(403),
    /** The account's password was chosen by someone else: it must be changed before anything else. */
    PASSWORD_CHANGE_REQUIRED(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    /** The resource's state forbids the action (a ticket's status); retrying the same request will not help. */
    INVALID_TRANSITION(409),
    /** Someone changed the resource first (its version moved on): read it again, then decide and retry. */
    CONCURRENT_CHANGE(409),
    /** Something with that natural key (username, code, name, an open request) already exists. */
    DUPLICATE(409),
    IDEMPOTENCY_IN_PROGRESS(409),
    /** The points store has fewer of the item than asked for, or has withdrawn it. */
    OUT_OF_STOCK(409),
    /** The caller's points do not cover what they asked to spend. */
    INSUFFICIENT_POINTS(409),
    PRECONDITION_FAILED(412),
    PAYLOAD_TOO_LARGE(413),
    URI_TOO_LONG(414),
    UNSUPPORTED_MEDIA_TYPE(415),
    UNPROCESSABLE(422),
    IDEMPOTENCY_KEY_REUSED(422),
    PRECONDITION_REQUIRED(428),
    TOO_MANY_REQUESTS(429),
    HEADERS_TOO_LARGE(431),
    LOGIN_THROTTLED(429),
    WECHAT_RATE_LIMITED(429),
    INTERNAL(500),
    WECHAT_BAD_GATEWAY(502),
    WECHAT_UNAVAILABLE(503),
    /** As many of these requests (exports, imports, uploads) as the instance serves at once are running; retry after Retry-After. */
    BUSY(503),
    /** The database could not answer right now (unreachable, too slow, or out of room); nothing was kept, retry after Retry-After. */
    DATABASE_UNAVAILABLE(503);

    private final int status;

    ProblemType(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String uri() {
        return "urn:gridloop:problem:" + slug();
    }

    /** The message key prefix and the end of the type URI: `VALIDATION` → `validation`. */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
