package io.gridloop.shared.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.vertx.core.http.HttpServerRequest;

/** Every request carries an id: the client's X-Request-Id when it is sane, else a new one. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {
    }

    static String assign(HttpServerRequest request) {
        String offered = request.getHeader(HEADER);
        String id = offered != null && SANE.matcher(offered).matches() ? offered : fresh().toString();
        request.response().putHeader(HEADER, id);
        return id;
    }

    /**
     * A random (version 4) UUID from the thread's own generator: a request id must not repeat, but is no secret, so it
     * does not take {@link UUID#randomUUID}'s cryptographic generator, shared by every event loop behind one lock.
     */
    static UUID fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong() & ~0xF000L | 0x4000L, random.nextLong() & ~(0xCL << 60) | (0x8L << 60));
    }

    /** The id given to this request, as sent back in its response header. */
    public static String of(HttpServerRequest request) {
        return request.response().headers().get(HEADER);
    }
}
