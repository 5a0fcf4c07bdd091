package io.gridloop.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridloop.audit.AuditViews.AuditEntryView;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.sql.Where;

/**
 * The district admin's read of the audit: the caller's district only (and failed sign-ins that named
 * no account, which belong to no district), newest first, keyset-paged on the id.
 */
@ApplicationScoped
class AuditLog {

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    private final EntityManager entityManager;
    private final Caller caller;
    private final ObjectMapper json;

    AuditLog(EntityManager entityManager, Caller caller, ObjectMapper json) {
        this.entityManager = entityManager;
        this.caller = caller;
        this.json = json;
    }

    Page<AuditEntryView> page(AuditKind kind, Long actorId, OffsetDateTime from, OffsetDateTime to, int limit,
            String cursor) {
        Where where = Where.of("(e.district_id = :district OR e.district_id IS NULL)", "district", caller.districtId())
                .and("e.id < :before", "before", Cursors.before(cursor))
                .andIf(kind, "e.kind = :kind", "kind", kind == null ? null : kind.name())
                .andIf(actorId, "e.actor_id = :actor", "actor", actorId)
                .andIf(from, "e.at >= :from", "from", from)
                .andIf(to, "e.at < :to", "to", to)
                .with("limit", limit + 1);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = where.bind(entityManager.createNativeQuery("""
                SELECT e.id, e.kind, e.at, e.actor_id, e.username, e.subject, e.subject_id, e.address, e.request_id,
                       CAST(e.details AS text) AS details
                FROM audit_event e WHERE %s ORDER BY e.id DESC LIMIT :limit""".formatted(where.sql()), Tuple.class))
                .getResultList();
        return Page.of(rows, limit, row -> row.get("id", Long.class), this::view);
    }

    private AuditEntryView view(Tuple row) {
        try {
            return new AuditEntryView(row.get("id", Long.class), AuditKind.valueOf(row.get("kind", String.class)),
                    row.get("at", Instant.class).atOffset(ZoneOffset.UTC), row.get("actor_id", Long.class), row.get("username", String.class),
                    row.get("subject", String.class), row.get("subject_id", Long.class), row.get("address", String.class),
                    row.get("request_id", String.class), json.readValue(row.get("details", String.class), DETAILS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit_event " + row.get("id") + " holds details that are not JSON", e);
        }
    }
}
