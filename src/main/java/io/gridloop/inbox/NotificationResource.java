package io.gridloop.inbox;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridloop.inbox.InboxViews.InboxPage;
import io.gridloop.inbox.InboxViews.Marked;
import io.gridloop.inbox.InboxViews.ReadAll;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.security.Allowed;
import io.quarkus.security.Authenticated;

/** The caller's notification inbox, which the mini-program polls; every signed-in account has one. */
@Path("/api/v1/me/notifications")
@Tag(name = "Inbox", description = "The caller's notifications: dispatches, reminders, results, requests for feedback")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Allowed
public class NotificationResource {

    private final MyNotifications notifications;

    NotificationResource(MyNotifications notifications) {
        this.notifications = notifications;
    }

    @GET
    @Operation(summary = "The caller's notifications, newest first, with the unread count")
    public InboxPage list(
            // a String, as JAX-RS would read any word but "true" as false and list everything for unread=1
            @Parameter(description = "true: only unread notifications; false or empty: all") @QueryParam("unread")
            @DefaultValue("false") @Pattern(regexp = "^(true|false)?$") String unread,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Cursors.MAX_LIMIT) int limit,
            @QueryParam("cursor") String cursor) {
        return notifications.page(Boolean.parseBoolean(unread), limit, cursor);
    }

    @POST
    @Path("/{id}/read")
    @Operation(summary = "Mark one notification read; marking it again changes nothing")
    @APIResponse(responseCode = "204", description = "The notification is read")
    public void read(@PathParam("id") long id) {
        notifications.markRead(id);
    }

    @POST
    @Path("/read-all")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark the caller's unread notifications read, only those up to upToId when given")
    public Marked readAll(@RequestBody(required = false) @Valid ReadAll request) {
        return new Marked(notifications.markAllRead(request == null ? null : request.upToId()));
    }
}
