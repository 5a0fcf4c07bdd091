package io.gridloop.inbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.query.NativeQuery;

import io.gridloop.inbox.InboxViews.InboxPage;
import io.gridloop.inbox.InboxViews.NotificationView;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Caller;

/**
 * The caller's own inbox: read newest first, mark read. Every statement is bound to the caller's
 * account, so a notification of someone else is never listed and is not found when marked.
 */
@ApplicationScoped
class MyNotifications {

    /** Newest first from a keyset; the unread filter is answered by the partial index. */
    static final String PAGE_SQL = """
            SELECT n.id, n.kind, n.ticket_id, n.ticket_number, n.text, n.created_at, n.read_at IS NOT NULL AS read
              FROM notification n
             WHERE n.district_id = :district AND n.account_id = :me AND n.id < :before %s
             ORDER BY n.id DESC LIMIT :limit""";
    static final String UNREAD_FILTER = "AND n.read_at IS NULL";
    static final String UNREAD_COUNT_SQL = """
            SELECT count(*) FROM notification n WHERE n.district_id = :district AND n.account_id = :me AND n.read_at IS NULL""";

    private final EntityManager entityManager;
    private final Caller caller;
    private final Clock clock;

    MyNotifications(EntityManager entityManager, Caller caller, Clock clock) {
        this.entityManager = entityManager;
        this.caller = caller;
        this.clock = clock;
    }

    InboxPage page(boolean unreadOnly, int limit, String cursor) {
        long me = me();
        long before = Cursors.before(cursor);
        @SuppressWarnings("unchecked")
        List<NotificationView> rows = entityManager.createNativeQuery(PAGE_SQL.formatted(unreadOnly ? UNREAD_FILTER : ""))
                .unwrap(NativeQuery.class)
                .addScalar("id", Long.class)
                .addScalar("kind", String.class)
                .addScalar("ticket_id", Long.class)
                .addScalar("ticket_number", String.class)
                .addScalar("text", String.class)
                .addScalar("created_at", OffsetDateTime.class)
                .addScalar("read", Boolean.class)
                .setTupleTransformer((row, aliases) -> new NotificationView((Long) row[0],
                        NotificationKind.valueOf((String) row[1]), (Long) row[2], (String) row[3], (String) row[4],
                        (OffsetDateTime) row[5], (Boolean) row[6]))
                .setParameter("district", caller.districtId())
                .setParameter("me", me)
                .setParameter("before", before)
                .setParameter("limit", limit + 1)
                .getResultList();
        boolean more = rows.size() > limit;
        List<NotificationView> items = more ? rows.subList(0, limit) : rows;
        String next = more ? Cursors.encode(items.get(items.size() - 1).id()) : null;
        return new InboxPage(items, next, unreadCount(me));
    }

    /** Idempotent: a notification already read keeps the time it was first read. */
    @Transactional
    void markRead(long id) {
        long me = me();
        int marked = entityManager.createNativeQuery("""
                UPDATE notification SET read_at = :now
                 WHERE id = :id AND district_id = :district AND account_id = :me AND read_at IS NULL""")
                .setParameter("now", OffsetDateTime.now(clock))
                .setParameter("id", id)
                .setParameter("district", caller.districtId())
                .setParameter("me", me)
                .executeUpdate();
        if (marked == 0 && entityManager.createNativeQuery(
                "SELECT 1 FROM notification WHERE id = :id AND district_id = :district AND account_id = :me")
                .setParameter("id", id)
                .setParameter("district", caller.districtId())
                .setParameter("me", me)
                .getResultList().isEmpty()) {
            throw ProblemException.notFound();
        }
    }

    /** Marks the caller's unread notifications, only those up to {@code upToId} when given: what the client has shown. */
    @Transactional
    int markAllRead(Long upToId) {
        return entityManager.createNativeQuery("""
                UPDATE notification SET read_at = :now
                 WHERE district_id = :district AND account_id = :me AND read_at IS NULL AND id <= :upTo""")
                .setParameter("now", OffsetDateTime.now(clock))
                .setParameter("district", caller.districtId())
                .setParameter("me", me())
                .setParameter("upTo", upToId == null ? Long.MAX_VALUE : upToId)
                .executeUpdate();
    }

    private long unreadCount(long me) {
        return ((Number) entityManager.createNativeQuery(UNREAD_COUNT_SQL)
                .setParameter("district", caller.districtId())
                .setParameter("me", me)
                .getSingleResult()).longValue();
    }

    /** Every signed-in account has an inbox; an integration signed in with an API key is no account and has none. */
    private long me() {
        long me = caller.accountId();
        if (me == 0) {
            throw ProblemException.forbidden();
        }
        return me;
    }
}
