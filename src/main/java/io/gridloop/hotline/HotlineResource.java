package io.gridloop.hotline;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridloop.hotline.HotlineRequests.Channel;
import io.gridloop.hotline.HotlineRequests.FileExternal;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Allowed;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.web.Responses;
import io.gridloop.shared.web.Versions;
import io.gridloop.ticket.ExternalTicket;
import io.gridloop.ticket.TicketIntake;
import io.gridloop.ticket.TicketTerms.Source;
import io.gridloop.ticket.TicketView;
import io.quarkus.security.Authenticated;

/**
 * The 12345 hotline's intake (SPEC §3): idempotent on (source, externalId) by itself, so the hotline
 * needs no Idempotency-Key: the first call answers 201; the same call again answers 200 with the
 * same ticket (as it is now); another body under the same pair is 409 naming the ticket it filed.
 */
@Path("/api/v1/integrations/tickets")
@Tag(name = "Hotline intake", description = "Tickets filed by other systems (the 12345 hotline) under their own ids")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Allowed(value = Role.INTEGRATION, apiKeys = true)
public class HotlineResource {

    private final TicketIntake intake;
    private final ObjectMapper json;

    HotlineResource(TicketIntake intake, ObjectMapper json) {
        this.intake = intake;
        this.json = json;
    }

    @POST
    @Operation(summary = "File a ticket under the calling system's id, once",
            description = "201 and the ticket the first time; the same body again answers 200 with that ticket; another"
                    + " body for the same (source, externalId) is 409 duplicate naming the ticket (Location). The caller's"
                    + " phone is personal data and is answered masked.")
    public RestResponse<TicketView> file(@Valid @NotNull FileExternal request) {
        HotlineRequests.CallLocation location = request.location();
        TicketIntake.Filed filed = intake.file(new TicketIntake.Filing(request.source(), request.externalId(), digest(request),
                new ExternalTicket(request.channel() == Channel.INTEGRATION ? Source.INTEGRATION : Source.HOTLINE,
                        request.categoryCode(), request.title(), request.description(), location == null ? null : location.lat(),
                        location == null ? null : location.lng(), location == null ? null : location.address(),
                        request.gridId(), request.anonymous(), request.caller().name(), request.caller().phone())));
        TicketView ticket = filed.ticket();
        String path = "/api/v1/tickets/" + ticket.id();
        if (filed.created()) {
            return Responses.created(path, ticket, ticket.version());
        }
        return RestResponse.ResponseBuilder.ok(ticket).header(HttpHeaders.LOCATION, URI.create(path))
                .header(HttpHeaders.ETAG, Versions.etag(ticket.version())).build();
    }

    @GET
    @Path("/{source}/{externalId}")
    @Operation(summary = "Read back a ticket by the calling system's id (in the key's district and jurisdiction)")
    public RestResponse<TicketView> get(
            @PathParam("source") @Size(max = 40) @Pattern(regexp = HotlineRequests.EXTERNAL) String source,
            @PathParam("externalId") @Size(max = 100) @Pattern(regexp = HotlineRequests.EXTERNAL) String externalId) {
        TicketView ticket = intake.find(source, externalId).orElseThrow(ProblemException::notFound);
        return Responses.tagged(ticket, ticket.version());
    }

    /** The request as the service read it: the same call again has the same digest, whatever its JSON's spacing or order. */
    private String digest(FileExternal request) {
        try {
            byte[] canonical = json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
