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
import io.gridloop.ticket.TicketRequests.Cancel;
import io.gridloop.ticket.TicketRequests.Dispatch;
import io.gridloop.ticket.TicketRequests.Empty;
import io.gridloop.ticket.TicketRequests.Feedback;
import io.gridloop.ticket.TicketRequests.Note;
import io.gridloop.ticket.TicketRequests.Reject;
import io.gridloop.ticket.TicketRequests.Release;
import io.gridloop.ticket.TicketRequests.Resolve;
import io.gridloop.ticket.TicketRequests.Triage;
import io.gridloop.ticket.TicketRequests.Verify;
import io.quarkus.security.Authenticated;

/**
 * The actions of the state machine (SPEC §1.6), each answering the updated ticket. A role that may
 * not act answers 403, a state that forbids the action 409; neither changes anything.
 */
@Path("/api/v1/tickets/{id}")
@Tag(name = "Ticket actions", description = "Triage, dispatch, claim, handle, resolve, verify, feedback, cancel, reject")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Allowed
public class TicketActionResource {

    private final TicketService tickets;

    TicketActionResource(TicketService tickets) {
        this.tickets = tickets;
    }

    private static RestResponse<TicketView> ok(TicketView ticket) {
        return Responses.tagged(ticket, ticket.version());
    }

    @POST
    @Path("/triage")
    @Operation(summary = "Classify the matter (三事分流): MAJOR, MINOR or PERSONAL")
    public RestResponse<TicketView> triage(@PathParam("id") long id, @Valid @NotNull Triage request) {
        return ok(tickets.triage(id, request));
    }

    @POST
    @Path("/dispatch")
    @Operation(summary = "Dispatch to the claim pool, a member (ACCOUNT) or a unit (UNIT: the grid's contact unit by default)")
    public RestResponse<TicketView> dispatch(@PathParam("id") long id, @Valid @NotNull Dispatch request) {
        return ok(tickets.dispatch(id, request));
    }

    @POST
    @Path("/claim")
    @Operation(summary = "Claim a pooled ticket, or accept one dispatched to you or your unit; first come, first served")
    public RestResponse<TicketView> claim(@PathParam("id") long id, @Valid Empty request) {
        return ok(tickets.claim(id));
    }

    @POST
    @Path("/start")
    @Operation(summary = "Start work on a claimed ticket")
    public RestResponse<TicketView> start(@PathParam("id") long id, @Valid Empty request) {
        return ok(tickets.start(id));
    }

    @POST
    @Path("/notes")
    @Operation(summary = "Add a progress note")
    public RestResponse<TicketView> note(@PathParam("id") long id, @Valid @NotNull Note request) {
        return ok(tickets.note(id, request.text(), request.attachmentIds()));
    }

    @POST
    @Path("/release")
    @Operation(summary = "Give the ticket back (退回) with a reason")
    public RestResponse<TicketView> release(@PathParam("id") long id, @Valid @NotNull Release request) {
        return ok(tickets.release(id, request.reason()));
    }

    @POST
    @Path("/resolve")
    @Operation(summary = "Resolve the ticket; a PERSONAL matter is resolved by the leader with guidance")
    public RestResponse<TicketView> resolve(@PathParam("id") long id, @Valid @NotNull Resolve request) {
        return ok(tickets.resolve(id, request.resolution(), request.attachmentIds()));
    }

    @POST
    @Path("/verify")
    @Operation(summary = "Verify a resolution (核查); failing sends it back to work")
    public RestResponse<TicketView> verify(@PathParam("id") long id, @Valid @NotNull Verify request) {
        return ok(tickets.verify(id, request.passed(), request.note()));
    }

    @POST
    @Path("/feedback")
    @Operation(summary = "The reporter rates the result; dissatisfied reopens it (重办)")
    public RestResponse<TicketView> feedback(@PathParam("id") long id, @Valid @NotNull Feedback request) {
        return ok(tickets.feedback(id, request));
    }

    @POST
    @Path("/cancel")
    @Operation(summary = "The reporter withdraws the ticket (撤回) before anyone claims it")
    public RestResponse<TicketView> cancel(@PathParam("id") long id, @Valid Cancel request) {
        return ok(tickets.cancel(id, request == null ? null : request.reason()));
    }

    @POST
    @Path("/reject")
    @Operation(summary = "Reject as DUPLICATE (with duplicateOf), INVALID or OUT_OF_SCOPE")
    public RestResponse<TicketView> reject(@PathParam("id") long id, @Valid @NotNull Reject request) {
        return ok(tickets.reject(id, request));
    }
}
