package io.gridloop.shared.privacy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.query.NativeQuery;
import org.jboss.logging.MDC;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Phone numbers are personal information (SPEC §1.2): shown masked to everyone but their owner and
 * the staff handling the matter, and every time one is shown unmasked to someone else, that read is
 * recorded in {@code personal_data_read} — who, which record, which field, when, in which request.
 */
@ApplicationScoped
public class PersonalData {

    private final EntityManager entityManager;
    private final Clock clock;

    PersonalData(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** 13812345678 → 138****5678; anything shorter than 11 characters keeps only its last two. */
    public static String maskedPhone(String phone) {
        if (phone == null || phone.isEmpty()) {
            return phone;
        }
        if (phone.length() >= 11) {
            return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
        }
        return "*".repeat(Math.max(0, phone.length() - 2)) + phone.substring(Math.max(0, phone.length() - 2));
    }

    /**
     * Records that the reader was shown {@code field} of these records unmasked: one row each, in the
     * caller's transaction if there is one (a write), else in one of its own (a read).
     */
    public void shown(long districtId, long readerId, String subject, Collection<Long> subjectIds, String field) {
        if (subjectIds.isEmpty()) {
            return;
        }
        Object requestId = MDC.get("requestId");
        QuarkusTransaction.joiningExisting().run(() -> entityManager.createNativeQuery("""
                INSERT INTO personal_data_read (district_id, reader_id, subject, subject_id, field, request_id, read_at)
                SELECT :district, :reader, :subject, s.id, :field, :request, :now FROM unnest(CAST(:ids AS bigint[])) AS s (id)""")
                .unwrap(NativeQuery.class)
                .setParameter("ids", subjectIds.toArray(Long[]::new), Long[].class)
                .setParameter("district", districtId).setParameter("reader", readerId).setParameter("subject", subject)
                .setParameter("field", field)
                .setParameter("request", requestId == null ? null : requestId.toString(), String.class)
                .setParameter("now", OffsetDateTime.now(clock))
                .executeUpdate());
    }
}
