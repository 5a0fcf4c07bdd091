package io.gridloop.shared.web;

import java.net.URI;

import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.RestResponse;

/** The success responses resources send: 201 with Location, and the version as ETag. */
public final class Responses {

    private Responses() {
    }

    public static <T> RestResponse<T> created(String location, T entity) {
        return RestResponse.ResponseBuilder.<T> created(URI.create(location)).entity(entity).build();
    }

    public static <T> RestResponse<T> created(String location, T entity, long version) {
        return RestResponse.ResponseBuilder.<T> created(URI.create(location)).entity(entity)
                .header(HttpHeaders.ETAG, Versions.etag(version)).build();
    }

    public static <T> RestResponse<T> tagged(T entity, long version) {
        return RestResponse.ResponseBuilder.ok(entity).header(HttpHeaders.ETAG, Versions.etag(version)).build();
    }
}
