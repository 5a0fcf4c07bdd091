package io.gridloop.shared.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gridloop.http")
public interface HttpConfig {

    /** The body limit of every request but those a {@link LargeBodies} takes on (413 past it). */
    @WithDefault("1M")
    MemorySize maxBodySize();
}
