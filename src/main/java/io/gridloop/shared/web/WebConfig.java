package io.gridloop.shared.web;

import java.net.URI;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "gridloop.http")
public interface WebConfig {

    /**
     * Where clients reach the service (scheme, host, port and any path prefix): every absolute URL it
     * sends (Location) starts with it, never with the Host header a client chose. Production must set it
     * (ProductionGuard); dev, test and demo have http://localhost:8080 (application.properties).
     */
    URI publicBaseUrl();
}
