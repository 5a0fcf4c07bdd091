package io.gridloop.audit;

import java.time.OffsetDateTime;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

final class AuditViews {

    private AuditViews() {
    }

    record AuditEntryView(long id, AuditKind kind, OffsetDateTime at,
            @Schema(description = "the account that acted; absent when the service itself did (the first-admin bootstrap) "
                    + "or a sign-in named no account", nullable = true) Long actorId,
            @Schema(description = "the username given at sign-in", nullable = true) String username,
            @Schema(description = "what was acted on: account, api_key, ticket, import", nullable = true) String subject,
            @Schema(nullable = true) Long subjectId,
            @Schema(description = "the client's address, for sign-ins", nullable = true) String address,
            @Schema(description = "the request's X-Request-Id", nullable = true) String requestId,
            @Schema(description = "the facts of the kind: roles, a refusal's reason, the field read, an import's counts")
            Map<String, Object> details) {
    }
}
