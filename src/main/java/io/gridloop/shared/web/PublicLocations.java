package io.gridloop.shared.web;

import java.net.URI;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A Location names its resource under the configured public base URL: the path a resource gives
 * ({@link Responses#created}), and a path the REST layer made absolute from the request's Host (or
 * X-Forwarded-Host, as {@code ResponseBuilder.location} does), which the client chose: a forged one would send
 * the next request, with its token, elsewhere.
 */
class PublicLocations {

    private final String base;

    PublicLocations(WebConfig config) {
        String url = config.publicBaseUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @ServerResponseFilter
    void locate(ContainerResponseContext response) {
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        if (location != null) {
            URI given = location instanceof URI uri ? uri : URI.create(location.toString());
            response.getHeaders().putSingle(HttpHeaders.LOCATION,
                    URI.create(base + given.getRawPath() + (given.getRawQuery() == null ? "" : "?" + given.getRawQuery())));
        }
    }
}
