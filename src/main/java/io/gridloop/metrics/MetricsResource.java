package io.gridloop.metrics;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridloop.metrics.MetricsViews.Consistency;
import io.gridloop.metrics.MetricsViews.Rankings;
import io.gridloop.metrics.MetricsViews.Rebuilt;
import io.gridloop.metrics.MetricsViews.Summary;
import io.gridloop.shared.problem.Problem;
import io.gridloop.shared.security.Allowed;
import io.gridloop.shared.security.Role;
import io.quarkus.security.Authenticated;

@Path("/api/v1/metrics")
@Tag(name = "Metrics", description = "Leaders' figures: the three rates (三率) and the ranking board (红黑榜)")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Allowed({ Role.GRID_LEADER, Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN })
public class MetricsResource {

    private static final String OUT_OF_SCOPE = "No such region, or not one the caller acts in";
    private static final String DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

    private final MetricsService metrics;

    MetricsResource(MetricsService metrics) {
        this.metrics = metrics;
    }

    @GET
    @Path("/summary")
    @APIResponse(responseCode = "200", description = "The figures",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Summary.class)))
    @APIResponse(responseCode = "404", description = OUT_OF_SCOPE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Operation(summary = "Figures of a region over a period", description = "A district admin asks about any region of the"
            + " district, a community admin about the community and below, a grid leader about their grids; another region"
            + " is not found. Each figure counts the facts whose own time falls in the days from..to (the district's zone,"
            + " both included); the figures' descriptions say which time. groupBy=child adds one entry per child region,"
            + " interval a series (not both).")
    public Summary summary(@QueryParam("regionId") @NotNull Long regionId,
            @Parameter(description = "first day, yyyy-MM-dd in the district's zone") @QueryParam("from") @NotNull
            @Pattern(regexp = DATE) String from,
            @Parameter(description = "last day, included") @QueryParam("to") @NotNull @Pattern(regexp = DATE) String to,
            @QueryParam("groupBy") @Pattern(regexp = "^child$") String groupBy,
            @QueryParam("interval") @Pattern(regexp = "^(day|week|month)$") String interval) {
        return metrics.summary(regionId, metrics.period(from, to), groupBy != null, Period.Interval.of(interval));
    }

    @GET
    @Path("/rankings")
    @APIResponse(responseCode = "200", description = "The board",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Rankings.class)))
    @APIResponse(responseCode = "404", description = OUT_OF_SCOPE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Operation(summary = "The ranking board (红黑榜) of a region over a period", description = "Members (by who resolved) or"
            + " grids, by resolutions and ratings in the period; the same callers and scope as the summary.")
    public Rankings rankings(@QueryParam("regionId") @NotNull Long regionId,
            @Parameter(description = "first day, yyyy-MM-dd in the district's zone") @QueryParam("from") @NotNull
            @Pattern(regexp = DATE) String from,
            @Parameter(description = "last day, included") @QueryParam("to") @NotNull @Pattern(regexp = DATE) String to,
            @QueryParam("by") @NotNull @Pattern(regexp = "^(member|grid)$") String by) {
        return metrics.rankings(regionId, metrics.period(from, to), "member".equals(by));
    }

    @GET
    @Path("/consistency")
    @Allowed(Role.DISTRICT_ADMIN)
    @APIResponse(responseCode = "200", description = "The comparison",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Consistency.class)))
    @Operation(summary = "Check the maintained figures against a recount", description = "The summary and the board read"
            + " counters kept per grid and day (and month) in the transaction of each fact; this compares the district's"
            + " counters of the days from..to, and of the months they touch, with a recount of the tickets and their timeline.")
    public Consistency consistency(
            @Parameter(description = "first day, yyyy-MM-dd in the district's zone") @QueryParam("from") @NotNull
            @Pattern(regexp = DATE) String from,
            @Parameter(description = "last day, included") @QueryParam("to") @NotNull @Pattern(regexp = DATE) String to) {
        return metrics.consistency(metrics.period(from, to));
    }

    @POST
    @Path("/rebuild")
    @Allowed(Role.DISTRICT_ADMIN)
    @APIResponse(responseCode = "200", description = "The counters were counted again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Rebuilt.class)))
    @Operation(summary = "Count the maintained figures again", description = "Replaces the district's counters of the days"
            + " from..to, and of the months they touch, with a recount of the tickets and their timeline, while the district's"
            + " writers wait; repeating it changes nothing.")
    public Rebuilt rebuild(
            @Parameter(description = "first day, yyyy-MM-dd in the district's zone") @QueryParam("from") @NotNull
            @Pattern(regexp = DATE) String from,
            @Parameter(description = "last day, included") @QueryParam("to") @NotNull @Pattern(regexp = DATE) String to) {
        return metrics.rebuild(metrics.period(from, to));
    }
}
