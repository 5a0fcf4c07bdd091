package io.gridloop.support;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

/** A test-only endpoint that fails the way a bug would, to see what a client gets from a 500. */
@Path("/test/failure")
@PermitAll
public class FailingResource {

    public static final String SECRET = "secret-detail";

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public String fail() {
        throw new IllegalStateException(SECRET + ": jdbc:postgresql://db.internal/gridloop?password=hunter2");
    }
}
