package io.gridloop.shared.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gridloop.http")
public interface HttpConfig {

    /** The body limit of every request but those a {@link LargeBodies} takes on (413 past it). */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /**
     * How many requests with a body over the general limit (an import, an upload) one instance serves at once: the
     * REST layer reads such a body on a worker thread, so a slow sender holds one; past this, 503 with Retry-After.
     */
    @WithDefault("16")
    int largeBodyRequests();
}
