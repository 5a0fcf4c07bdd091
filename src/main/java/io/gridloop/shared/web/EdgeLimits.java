package io.gridloop.shared.web;

import jakarta.inject.Singleton;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The limits of a request's line and headers. Vert.x answers a request line or headers over its own
 * limits with an empty 414 or 431 before any handler sees the request; so its limits are set well above
 * gridloop's, and {@code HttpEdge} refuses what is over gridloop's with a problem. Past Vert.x's limits
 * (four times these) the answer is still Vert.x's empty one.
 */
@Singleton
class EdgeLimits implements HttpServerOptionsCustomizer {

    /** The longest path and query answered (414 past it). */
    static final int MAX_URI = 8 * 1024;
    /** The most header bytes answered (431 past it). */
    static final int MAX_HEADERS = 32 * 1024;

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        raise(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        raise(options);
    }

    private static void raise(HttpServerOptions options) {
        options.setMaxInitialLineLength(4 * MAX_URI);
        options.setMaxHeaderSize(4 * MAX_HEADERS);
    }
}
