package io.gridloop.shared.web;

import java.util.OptionalLong;

/**
 * A feature whose endpoint takes bodies over the general limit ({@code gridloop.http.max-body-size})
 * says so here, and {@code HttpEdge} applies its limit to that path instead.
 * {@code quarkus.http.limits.max-body-size} must be at least the largest of them: past it Quarkus
 * itself refuses the body, on every path.
 */
public interface LargeBodies {

    /** The body limit in bytes of requests to this path, if it is one of this feature's. */
    OptionalLong limit(String path);

    /**
     * Whether the REST layer streams this path's bodies to temporary files (multipart uploads): then a body of
     * unknown length (chunked) goes straight to it, bounded by {@code quarkus.http.limits.max-body-size} as it is
     * written, instead of being read into memory here to be counted.
     */
    default boolean streamed(String path) {
        return false;
    }
}
