package io.gridloop.member;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.gridloop.member.MemberViews.CommitmentsChange;
import io.gridloop.member.MemberViews.CommitmentsView;
import io.gridloop.member.MemberViews.HoursView;
import io.gridloop.member.MemberViews.MemberLedgerEntry;
import io.gridloop.member.MemberViews.MemberCard;
import io.gridloop.member.MemberViews.NewHours;
import io.gridloop.member.MemberViews.NewRegistration;
import io.gridloop.member.MemberViews.PhotoChange;
import io.gridloop.member.MemberViews.PhotoView;
import io.gridloop.member.MemberViews.PostsChange;
import io.gridloop.member.MemberViews.PostsView;
import io.gridloop.member.MemberViews.RegistrationView;
import io.gridloop.shared.idempotency.Idempotent;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.security.Allowed;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.web.Responses;
import io.quarkus.security.Authenticated;

/** A party member in their community: 双报到, posts and commitments, volunteer hours, the card and the ledger. */
@Path("/api/v1/members/{accountId}")
@Tag(name = "Members", description = "Party members in the community: 双报到, 设岗定职, 亮承诺, volunteer hours, 一卡一账 (SPEC §1.2, §1.9)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Allowed
public class MemberResource {

    private final Registrations registrations;
    private final Members members;
    private final VolunteerHours hours;
    private final MemberCards cards;

    MemberResource(Registrations registrations, Members members, VolunteerHours hours, MemberCards cards) {
        this.registrations = registrations;
        this.members = members;
        this.hours = hours;
        this.cards = cards;
    }

    @POST
    @Path("/registrations")
    @Idempotent
    @Operation(summary = "Register with the community where one lives (双报到), for its admin to confirm",
            description = "Only for one's own account (403 otherwise). One open (pending or confirmed) registration per account:"
                    + " another is 409 duplicate. Confirmation makes the account a PARTY_MEMBER of the community.")
    public RestResponse<RegistrationView> register(@PathParam("accountId") long accountId,
            @HeaderParam(Idempotent.HEADER) String idempotencyKey, @Valid @NotNull NewRegistration request) {
        RegistrationView registration = registrations.register(accountId, request);
        return Responses.created("/api/v1/member-registrations/" + registration.id(), registration);
    }

    @PUT
    @Path("/posts")
    @Allowed({ Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN })
    @Operation(summary = "Give a member their posts (设岗定职): the community's admin, If-Match the card's postsVersion")
    public RestResponse<PostsView> posts(@PathParam("accountId") long accountId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull PostsChange request) {
        PostsView posts = members.replacePosts(accountId, ifMatch, request);
        return Responses.tagged(posts, posts.version());
    }

    @PUT
    @Path("/commitments")
    @Operation(summary = "State one's commitments (亮承诺): the member only, If-Match the card's commitmentsVersion")
    public RestResponse<CommitmentsView> commitments(@PathParam("accountId") long accountId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull CommitmentsChange request) {
        CommitmentsView commitments = members.replaceCommitments(accountId, ifMatch, request);
        return Responses.tagged(commitments, commitments.version());
    }

    @PUT
    @Path("/photo")
    @Operation(summary = "Set one's card photo: the member only, If-Match the card's photoVersion", description = "From one of"
            + " the member's own uploads (POST /api/v1/media): an image not attached to a ticket; a PDF, another's upload,"
            + " an attached or an unknown one is 422 on mediaId. The photo it replaces is released: an unattached upload"
            + " again, removed as those are. The photo is served by GET /api/v1/media/{id} to whoever sees the card.")
    public RestResponse<PhotoView> photo(@PathParam("accountId") long accountId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull PhotoChange request) {
        PhotoView photo = members.replacePhoto(accountId, ifMatch, request.mediaId());
        return Responses.tagged(photo, photo.version());
    }

    @DELETE
    @Path("/photo")
    @Operation(summary = "Remove one's card photo: the member only, If-Match the card's photoVersion", description = "The"
            + " photo is released as a replaced one is; the card shows none.")
    public RestResponse<PhotoView> removePhoto(@PathParam("accountId") long accountId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        PhotoView photo = members.replacePhoto(accountId, ifMatch, null);
        return Responses.tagged(photo, photo.version());
    }

    @POST
    @Path("/volunteer-hours")
    @Idempotent
    @Operation(summary = "Report one's volunteer hours (activity, day, hours) for the community's admin to approve",
            description = "Only for one's own account (403 otherwise), as a confirmed member (404 otherwise). Approval pays"
                    + " points per hour by the district's rules (GET /api/v1/points/rules, volunteerHour).")
    public RestResponse<HoursView> reportHours(@PathParam("accountId") long accountId,
            @HeaderParam(Idempotent.HEADER) String idempotencyKey, @Valid @NotNull NewHours request) {
        HoursView report = hours.report(accountId, request);
        return Responses.created("/api/v1/volunteer-hours/" + report.id(), report);
    }

    @GET
    @Path("/card")
    @Operation(summary = "A member's card (一卡): who they are, their posts and commitments, what they did",
            description = "For everyone who belongs to the member's community; the phone for the member, masked for the"
                    + " community's staff, absent otherwise; the photo, when the member set one, served to the same people."
                    + " The figures are counted from the ticket timeline.")
    public MemberCard card(@PathParam("accountId") long accountId) {
        return cards.card(accountId);
    }

    @GET
    @Path("/ledger")
    @Operation(summary = "A member's ledger (一账): every ticket and wish they claimed, newest first, and how it ended",
            description = "Read from the ticket timeline. For everyone who belongs to the member's community.")
    public Page<MemberLedgerEntry> ledger(@PathParam("accountId") long accountId,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Cursors.MAX_LIMIT) int limit,
            @QueryParam("cursor") String cursor) {
        return cards.ledger(accountId, limit, cursor);
    }
}
