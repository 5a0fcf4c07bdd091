package io.gridloop.ticket;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.gridloop.shared.security.Allowed;
import io.gridloop.shared.web.Responses;
import io.gridloop.ticket.TicketRequests.DecideExtension;
import io.gridloop.ticket.TicketRequests.RequestExtension;
import io.gridloop.ticket.TicketRequests.Supervise;
import io.quarkus.security.Authenticated;

/** Supervision (督办) and deadline extensions (延期) of a ticket in work, each answering the updated ticket. */
@Path("/api/v1/tickets/{id}")
@Tag(name = "Ticket oversight", description = "Supervision (督办) and deadline extensions (延期)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Allowed
public class TicketOversightResource {

    private final TicketOversight oversight;

    TicketOversightResource(TicketOversight oversight) {
        this.oversight = oversight;
    }

    private static RestResponse<TicketView> ok(TicketView ticket) {
        return Responses.tagged(ticket, ticket.version());
    }

    @POST
    @Path("/supervise")
    @Operation(summary = "Supervise (督办): set NORMAL, YELLOW or RED with a note",
            description = "Community and district admins, and the leader of the grid's contact unit. RED tells the grid's leaders.")
    public RestResponse<TicketView> supervise(@PathParam("id") long id, @Valid @NotNull Supervise request) {
        return ok(oversight.supervise(id, request));
    }

    @POST
    @Path("/extension-requests")
    @Operation(summary = "The assignee asks for a later resolution deadline (延期); one open request at a time",
            description = "The ticket answered carries extensionRequestId, the id the decision names.")
    public RestResponse<TicketView> requestExtension(@PathParam("id") long id, @Valid @NotNull RequestExtension request) {
        return ok(oversight.requestExtension(id, request));
    }

    @POST
    @Path("/extension-requests/{requestId}/decision")
    @Operation(summary = "The grid leader or community admin approves (the deadline moves) or refuses an extension")
    public RestResponse<TicketView> decideExtension(@PathParam("id") long id, @PathParam("requestId") long requestId,
            @Valid @NotNull DecideExtension request) {
        return ok(oversight.decideExtension(id, requestId, request));
    }
}
