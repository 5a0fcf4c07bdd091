package io.gridloop.review;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridloop.review.ReviewViews.Board;
import io.gridloop.shared.security.Allowed;
import io.gridloop.shared.security.Role;
import io.quarkus.security.Authenticated;

@Path("/api/v1/boards")
@Tag(name = "Reviews", description = "Leaders' comments, peer review and the ranking board with stars (SPEC §1.8, §1.9)")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Allowed({ Role.GRID_LEADER, Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN })
public class BoardResource {

    private static final String DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    private static final String SCOPE = " The callers, scope and period of GET /api/v1/metrics/rankings: a region the caller"
            + " leads, else not found; the days from..to in the district's zone, both included.";

    private final RankingBoard board;

    BoardResource(RankingBoard board) {
        this.board = board;
    }

    @GET
    @Path("/members")
    @Operation(summary = "红黑榜 of members with their stars (星级评定) over a period", description = "The metrics board by member,"
            + " each member with the leaders' comments on their work and the peer reviews of them made in the period, and"
            + " stars by gridloop.reviews.stars." + SCOPE)
    public Board members(@QueryParam("regionId") @NotNull Long regionId,
            @Parameter(description = "first day, yyyy-MM-dd in the district's zone") @QueryParam("from") @NotNull
            @Pattern(regexp = DATE) String from,
            @Parameter(description = "last day, included") @QueryParam("to") @NotNull @Pattern(regexp = DATE) String to) {
        return board.board(regionId, from, to, true);
    }

    @GET
    @Path("/grids")
    @Operation(summary = "红黑榜 of grids over a period", description = "The metrics board by grid, each grid with the leaders'"
            + " comments made in the period on its tickets." + SCOPE)
    public Board grids(@QueryParam("regionId") @NotNull Long regionId,
            @Parameter(description = "first day, yyyy-MM-dd in the district's zone") @QueryParam("from") @NotNull
            @Pattern(regexp = DATE) String from,
            @Parameter(description = "last day, included") @QueryParam("to") @NotNull @Pattern(regexp = DATE) String to) {
        return board.board(regionId, from, to, false);
    }
}
