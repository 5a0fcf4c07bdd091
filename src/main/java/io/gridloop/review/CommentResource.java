package io.gridloop.review;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.gridloop.review.ReviewViews.CommentView;
import io.gridloop.review.ReviewViews.NewComment;
import io.gridloop.shared.idempotency.Idempotent;
import io.gridloop.shared.security.Allowed;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.web.Responses;
import io.quarkus.security.Authenticated;

@Path("/api/v1/tickets/{id}/comments")
@Tag(name = "Reviews", description = "Leaders' comments, peer review and the ranking board with stars (SPEC §1.8, §1.9)")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Allowed
public class CommentResource {

    private final LeaderComments comments;

    CommentResource(LeaderComments comments) {
        this.comments = comments;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({ Role.GRID_LEADER, Role.COMMUNITY_ADMIN })
    @Idempotent
    @Operation(summary = "领导点评: score (1–5) and judge the handler's work on a closed ticket",
            description = "The leader of the ticket's grid or the admin of its community, once per ticket (a second: 409"
                    + " duplicate with the first's Location); final, never edited. Not on one's own work (403). A 5 earns"
                    + " the handler the district's leaderCommentPraise points, a 1 or 2 takes leaderCommentPenalty (never"
                    + " below zero), in the same transaction.")
    public RestResponse<CommentView> comment(@PathParam("id") long id, @HeaderParam(Idempotent.HEADER) String idempotencyKey,
            @Valid @NotNull NewComment request) {
        CommentView comment = comments.comment(id, request);
        return Responses.created(LeaderComments.location(id, comment.id()), comment);
    }

    @GET
    @Path("/{commentId}")
    @Operation(summary = "A leader's comment, for its author, the handler and the leaders over the ticket's grid")
    public CommentView get(@PathParam("id") long id, @PathParam("commentId") long commentId) {
        return comments.get(id, commentId);
    }
}
