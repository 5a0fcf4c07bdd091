package io.gridloop.audit;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridloop.audit.AuditViews.AuditEntryView;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.security.Allowed;
import io.gridloop.shared.security.Role;
import io.quarkus.security.Authenticated;

@Path("/api/v1/audit")
@Tag(name = "Audit", description = "Sign-ins, role changes, imports, API keys and unmasked personal-data reads")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditLog log;

    AuditResource(AuditLog log) {
        this.log = log;
    }

    @GET
    @Authenticated
    @Allowed(Role.DISTRICT_ADMIN)
    @Operation(summary = "The district's audit, newest first",
            description = "Kept at least six months (GRIDLOOP_AUDIT_KEEP, default 400 days).")
    public Page<AuditEntryView> list(@QueryParam("kind") AuditKind kind,
            @QueryParam("actorId") @Parameter(description = "entries of this acting account") Long actorId,
            @QueryParam("from") @Parameter(description = "entries at or after this time") OffsetDateTime from,
            @QueryParam("to") @Parameter(description = "entries before this time") OffsetDateTime to,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Cursors.MAX_LIMIT) int limit,
            @QueryParam("cursor") String cursor) {
        return log.page(kind, actorId, from, to, limit, cursor);
    }
}
