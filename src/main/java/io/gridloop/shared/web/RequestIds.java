package io.gridloop.shared.web;

import java.util.UUID;
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
        String id = offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        request.response().putHeader(HEADER, id);
        return id;
    }

    /** The id given to this request, as sent back in its response header. */
    public static String of(HttpServerRequest request) {
        return request.response().headers().get(HEADER);
    }
}
