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

import io.gridloop.review.ReviewViews.NewPeerReview;
import io.gridloop.review.ReviewViews.PeerReviewView;
import io.gridloop.shared.idempotency.Idempotent;
import io.gridloop.shared.security.Allowed;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.web.Responses;
import io.quarkus.security.Authenticated;

@Path("/api/v1/peer-reviews")
@Tag(name = "Reviews", description = "Leaders' comments, peer review and the ranking board with stars (SPEC §1.8, §1.9)")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Allowed
public class PeerReviewResource {

    private final PeerReviews reviews;

    PeerReviewResource(PeerReviews reviews) {
        this.reviews = reviews;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.PARTY_MEMBER)
    @Idempotent
    @Operation(summary = "党员互评: review another party member of the caller's community",
            description = "Once per reviewee and period (gridloop.reviews.peer-period: MONTH or QUARTER in the district's"
                    + " zone; a second: 409 duplicate); final, never edited. Not oneself, and only a party member of a"
                    + " community the caller is a party member of (else 422 naming revieweeId).")
    public RestResponse<PeerReviewView> review(@HeaderParam(Idempotent.HEADER) String idempotencyKey,
            @Valid @NotNull NewPeerReview request) {
        PeerReviewView review = reviews.review(request);
        return Responses.created("/api/v1/peer-reviews/" + review.id(), review);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A peer review, for its reviewer, its reviewee and the admins over the community")
    public PeerReviewView get(@PathParam("id") long id) {
        return reviews.get(id);
    }
}
