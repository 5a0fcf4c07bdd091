package io.gridloop.ticket;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.gridloop.shared.idempotency.Idempotent;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.security.Allowed;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.web.Responses;
import io.gridloop.ticket.TicketQueries.EventView;
import io.gridloop.ticket.TicketRequests.FileTicket;
import io.quarkus.security.Authenticated;

@Path("/api/v1/tickets")
@Tag(name = "Tickets", description = "Requests and their way through the loop: file, read, the claim pool, the timeline")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Allowed(apiKeys = true)
public class TicketResource {

    static final String EXPORT_TYPE = "text/csv; charset=UTF-8";

    private final TicketService tickets;
    private final TicketQueries queries;
    private final TicketExport export;

    TicketResource(TicketService tickets, TicketQueries queries, TicketExport export) {
        this.tickets = tickets;
        this.queries = queries;
        this.export = export;
    }

    @POST
    @Allowed({ Role.RESIDENT, Role.GRID_MEMBER, Role.GRID_LEADER, Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN })
    @Idempotent
    @Operation(summary = "File a ticket", description = "Residents file from the mini-program (a ticket without gridId goes"
            + " to the grid containing the location, else to the resident's home grid); grid members file what their patrol"
            + " finds; staff file walk-in and hotline requests with source WALK_IN or HOTLINE.")
    public RestResponse<TicketView> file(@HeaderParam(Idempotent.HEADER) String idempotencyKey,
            @Valid @NotNull FileTicket request) {
        TicketView ticket = tickets.file(request);
        return Responses.created("/api/v1/tickets/" + ticket.id(), ticket, ticket.version());
    }

    @GET
    @Operation(summary = "List the tickets the caller may see, newest first")
    public Page<TicketView> list(@Valid @BeanParam TicketFilters filters,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Cursors.MAX_LIMIT) int limit,
            @QueryParam("cursor") String cursor) {
        return queries.list(filters.filter(), limit, cursor);
    }

    @GET
    @Path("/export.csv")
    @Produces(EXPORT_TYPE)
    @Allowed({ Role.GRID_LEADER, Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN })
    @Operation(summary = "Export the tickets the caller may see as CSV, newest first",
            description = "The list's filters and scope, every row (no page), streamed as it is read: UTF-8 with a byte"
                    + " order mark (so Excel reads Chinese), RFC 4180 quoting, CRLF line ends, a header row of the JSON"
                    + " field names. Phones are masked as in the JSON list; text a spreadsheet would run as a formula"
                    + " (starting with = + - @) is prefixed with an apostrophe. Each export is recorded in the audit as a"
                    + " personal-data read. At most `gridloop.tickets.export-max-rows` rows (default 1,000,000): a larger"
                    + " selection is refused with 422 before anything is written; narrow it by region or filters.")
    @APIResponse(responseCode = "200", description = "The CSV", content = @Content(mediaType = EXPORT_TYPE,
            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "422", description = "More rows than an export may have (gridloop.tickets.export-max-rows)")
    public Response export(@Valid @BeanParam TicketFilters filters) {
        return Response.ok(export.export(filters.filter()))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"tickets.csv\"").build();
    }

    @GET
    @Path("/pool")
    @Allowed
    @Operation(summary = "The tickets the caller may claim now")
    public Page<TicketView> pool(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Cursors.MAX_LIMIT) int limit,
            @QueryParam("cursor") String cursor) {
        return queries.pool(limit, cursor);
    }

    /** What {@code GET /nearby} answers: the open tickets near the point, nearest first. */
    public record NearbyTickets(List<TicketQueries.Nearby> items) {
    }

    @GET
    @Path("/nearby")
    @Operation(summary = "Open tickets near a point, nearest first",
            description = "What the caller may see within the radius (metres, default 200), so a resident sees what is"
                    + " already reported before filing; at most `limit` tickets, no cursor.")
    public NearbyTickets nearby(@QueryParam("lat") @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
            @QueryParam("lng") @NotNull @DecimalMin("-180") @DecimalMax("180") Double lng,
            @QueryParam("categoryCode") @Pattern(regexp = "^[A-Z0-9_]{2,40}$") String categoryCode,
            @QueryParam("radius") @DefaultValue("200") @Min(1) @Max(2000) int radius,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Cursors.MAX_LIMIT) int limit) {
        return new NearbyTickets(queries.nearby(lat, lng, categoryCode, radius, limit));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a ticket")
    public RestResponse<TicketView> get(@PathParam("id") long id) {
        TicketView ticket = queries.get(id);
        return Responses.tagged(ticket, ticket.version());
    }

    @GET
    @Path("/{id}/timeline")
    @Operation(summary = "The ticket's timeline: every action, who took it and when, oldest first")
    public List<EventView> timeline(@PathParam("id") long id) {
        return queries.timeline(id);
    }
}
