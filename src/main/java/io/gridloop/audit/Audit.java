package io.gridloop.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.query.NativeQuery;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridloop.shared.sql.Jdbc;
import io.gridloop.shared.sql.Where;

/**
 * How every feature writes to the audit. Each method joins the caller's transaction, so an entry
 * commits with the change it records and a rolled-back change leaves none; a refusal that rolls back
 * (a failed sign-in) records in a transaction of its own. Each entry keeps the request's id.
 *
 * <p>The district import records itself with {@link #record}: {@code record(districtId,
 * AuditKind.DATA_IMPORTED, adminId, "import", null, Map.of(...counts...))}.
 */
@Singleton
public class Audit {

    private final EntityManager entityManager;
    private final Jdbc jdbc;
    private final Clock clock;
    private final ObjectMapper json;
    /** The details of a personal-data entry, by the field shown: a few the code names, so written once each. */
    private final Map<String, String> fieldDetails = new ConcurrentHashMap<>();

    Audit(EntityManager entityManager, Jdbc jdbc, Clock clock, ObjectMapper json) {
        this.entityManager = entityManager;
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
    }

    /**
     * One entry: what happened ({@code kind}), in which district, done by whom (null: the service itself),
     * to what ({@code subject} such as "account", "api_key", "import", with its id if it has one), and
     * its facts ({@code details}: names and ids, never a password or a personal value).
     */
    @Transactional
    public void record(long districtId, AuditKind kind, Long actorId, String subject, Long subjectId,
            Map<String, ?> details) {
        insert(districtId, kind, actorId, null, subject, subjectId, null, details);
    }

    /**
     * A password sign-in: the username as given, the client's address, and the account it named
     * (null with its district when no account has that username).
     */
    @Transactional
    public void signIn(Long districtId, Long accountId, String username, String address, boolean succeeded,
            String refusal) {
        insert(districtId, succeeded ? AuditKind.SIGN_IN_SUCCEEDED : AuditKind.SIGN_IN_FAILED, accountId, username,
                "account", accountId, address, succeeded ? Map.of() : Map.of("reason", refusal));
    }

    /** The reader was shown {@code field} of these records unmasked (SPEC §1.2): one entry per record. */
    @Transactional
    public void personalDataShown(long districtId, long readerId, String subject, Collection<Long> subjectIds,
            String field) {
        if (subjectIds.isEmpty()) {
            return;
        }
        // by JDBC: every view that shows a phone unmasked records it, one row per ticket, on the request's path
        Where.Jdbc insert = personalDataShownSql(districtId, readerId, subject, subjectIds, field, null);
        jdbc.update(insert.sql(), insert.parameters());
    }

    /**
     * The INSERT of {@link #personalDataShown}'s entries, for a feature that writes them within a statement of its
     * own, as a data-modifying {@code WITH} query ({@code ticket}'s filing or action, with its change): one round trip
     * fewer on the request's path. Written only if that statement commits, as the entries must be; and, when
     * {@code written} names a relation of that statement (its rows' {@code id}: the records it wrote), only for the
     * records among them: a record the statement did not write (its change found the record changed first) was not
     * shown, and the statement may commit by itself without a transaction to roll it back. Null for none.
     */
    public Where.Jdbc personalDataShownSql(long districtId, long readerId, String subject, Collection<Long> subjectIds,
            String field, String written) {
        return new Where.Jdbc("""
                INSERT INTO audit_event (district_id, kind, at, actor_id, subject, subject_id, request_id, details)
                SELECT CAST(? AS bigint), 'PERSONAL_DATA_READ', CAST(? AS timestamptz), CAST(? AS bigint), CAST(? AS text),
                       s.id, CAST(? AS text), CAST(? AS jsonb)
                FROM unnest(CAST(? AS bigint[])) AS s (id)"""
                + (written == null ? "" : " WHERE s.id IN (SELECT id FROM " + written + ")"),
                new Object[] { districtId, OffsetDateTime.now(clock), readerId, subject, requestId(),
                        fieldDetails.computeIfAbsent(field, shown -> text(Map.of("field", shown))),
                        subjectIds.toArray(Long[]::new) });
    }

    private void insert(Long districtId, AuditKind kind, Long actorId, String username, String subject, Long subjectId,
            String address, Map<String, ?> details) {
        entityManager.createNativeQuery("""
                INSERT INTO audit_event (district_id, kind, at, actor_id, username, subject, subject_id, address, request_id, details)
                VALUES (:district, :kind, :at, :actor, :username, :subject, :subjectId, :address, :request, CAST(:details AS jsonb))""")
                .unwrap(NativeQuery.class)
                .setParameter("district", districtId, Long.class).setParameter("kind", kind.name())
                .setParameter("at", OffsetDateTime.now(clock)).setParameter("actor", actorId, Long.class)
                .setParameter("username", username, String.class).setParameter("subject", subject, String.class)
                .setParameter("subjectId", subjectId, Long.class).setParameter("address", address, String.class)
                .setParameter("request", requestId(), String.class).setParameter("details", text(details))
                .executeUpdate();
    }

    private static String requestId() {
        Object requestId = MDC.get("requestId");
        return requestId == null ? null : requestId.toString();
    }

    private String text(Map<String, ?> details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details must be plain values", e);
        }
    }
}
