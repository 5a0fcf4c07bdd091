package io.gridloop.shared.web;

import java.net.URI;

import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.RestResponse;

/** The success responses resources send: 201 with Location, and the version as ETag. */
public final class Responses {

    private Responses() {
    }

    public static <T> RestResponse<T> created(String location, T entity) {
        return Responses.<T> created(location).entity(entity).build();
    }

    public static <T> RestResponse<T> created(String location, T entity, long version) {
        return Responses.<T> created(location).entity(entity).header(HttpHeaders.ETAG, Versions.etag(version)).build();
    }

    /**
     * 201 with the path as its Location, which {@link PublicLocations} puts under the public base URL. Set as a header,
     * not by {@code ResponseBuilder.created}, whose making it absolute from the request's Host first (parsed anew for
     * each response) was a few per cent of a filing's CPU, and was replaced by that filter anyway.
     */
    private static <T> RestResponse.ResponseBuilder<T> created(String location) {
        return RestResponse.ResponseBuilder.<T> create(RestResponse.Status.CREATED).header(HttpHeaders.LOCATION,
                URI.create(location));
    }

    public static <T> RestResponse<T> tagged(T entity, long version) {
        return RestResponse.ResponseBuilder.ok(entity).header(HttpHeaders.ETAG, Versions.etag(version)).build();
    }
}
