package io.gridloop.shared.web;

import java.net.URI;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gridloop.http")
public interface WebConfig {

    /**
     * Where clients reach the service (scheme, host, port and any path prefix): every absolute URL it
     * sends (Location) starts with it, never with the Host header a client chose. Production must set it
     * (ProductionGuard); the default serves dev, test and demo.
     */
    @WithDefault("http://localhost:8080")
    URI publicBaseUrl();
}
