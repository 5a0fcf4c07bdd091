package io.gridloop.ticket;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

import jakarta.inject.Singleton;

import io.gridloop.account.Recipients;
import io.gridloop.inbox.Inbox;
import io.gridloop.inbox.NotificationKind;
import io.gridloop.shared.sql.Where;
import io.gridloop.ticket.TicketTerms.Supervision;

/**
 * Who hears what about a ticket (SPEC §1.6–1.7), as one INSERT … SELECT per audience: an action's notice is
 * written in the very statement of its change ({@link TicketLedger}), and a job tells thousands at the cost of one.
 * Disabled accounts hear nothing ({@link Recipients}).
 * Texts are the zh-CN messages a mini-program shows; clients that want another language go by kind.
 */
@Singleton
class TicketNotices {

    /** Who, for one ticket {@code t}: SELECTs of {@code account_id}, joined laterally. */
    enum Audience {
        /** The one who has it: the assignee, else the handlers of the unit, else the grid's leaders. */
        ASSIGNEE("""
                SELECT t.assignee_id AS account_id WHERE t.assignee_id IS NOT NULL
                UNION SELECT u.account_id FROM (%s) u WHERE t.assignee_id IS NULL
                UNION SELECT l.account_id FROM (%s) l WHERE t.assignee_id IS NULL AND t.assignee_unit_id IS NULL"""
                .formatted(Recipients.unitHandlersSql("t.assignee_unit_id"), Recipients.gridLeadersSql("t.grid_id"))),
        GRID_LEADERS(Recipients.gridLeadersSql("t.grid_id")),
        REPORTER("SELECT t.reporter_id AS account_id WHERE t.reporter_id IS NOT NULL"),
        /** Everyone who may claim it from the pool. */
        POOL(Recipients.poolMembersSql("t.grid_path"));

        final String sql;

        Audience(String sql) {
            this.sql = sql;
        }
    }

    private static final String RED = "红色督办：%s「%s」";

    /** The notice of a ticket {@code t}: its {@code FROM} and the audience, then {@code WHERE} for a job's tickets. */
    private static final String NOTICE = """
            SELECT r.account_id, t.district_id, :kind AS kind, t.id AS ticket_id, t.number AS ticket_number,
                   format(:template, t.number, t.title) AS text
            FROM %s t JOIN LATERAL (%s) r ON true""";

    private final Inbox inbox;
    /** Each audience's notice of an action, from the ticket's new row ({@link TicketLedger#CHANGED}), made once. */
    private final Map<Audience, Inbox.Notices> ofChange = new EnumMap<>(Audience.class);

    TicketNotices(Inbox inbox) {
        this.inbox = inbox;
        for (Audience audience : Audience.values()) {
            ofChange.put(audience, inbox.notices(NOTICE.formatted(TicketLedger.CHANGED, audience.sql)));
        }
    }

    // An action's notice goes with its change: TicketLedger writes it in the change's statement, from the ticket's new row.

    Where.Jdbc dispatched(Ticket ticket) {
        return about(ticket.dispatchTarget == TicketTerms.DispatchTarget.POOL ? Audience.POOL : Audience.ASSIGNEE,
                NotificationKind.DISPATCHED, "新事项待办理：%s「%s」");
    }

    Where.Jdbc resolved(Ticket ticket) {
        return about(Audience.REPORTER, NotificationKind.RESOLVED, ticket.feedbackDueAt == null
                ? "您反映的事项 %s「%s」已办结，网格长核查后请您评价" : "您反映的事项 %s「%s」已办结，请您评价");
    }

    Where.Jdbc feedbackRequested() {
        return about(Audience.REPORTER, NotificationKind.FEEDBACK_REQUESTED, "您反映的事项 %s「%s」已核查办结，请您评价");
    }

    Where.Jdbc reopened() {
        return about(Audience.GRID_LEADERS, NotificationKind.REOPENED, "重办：群众对 %s「%s」不满意，请重新分派");
    }

    /** A red supervision tells the grid's leaders; a lower level no one (null). */
    Where.Jdbc supervised(Ticket ticket) {
        return ticket.supervision == Supervision.RED ? about(Audience.GRID_LEADERS, NotificationKind.SUPERVISED, RED) : null;
    }

    Where.Jdbc extensionRequested() {
        return about(Audience.GRID_LEADERS, NotificationKind.EXTENSION_REQUESTED, "延期申请待审批：%s「%s」");
    }

    Where.Jdbc extensionDecided(boolean approved) {
        return about(Audience.ASSIGNEE, NotificationKind.EXTENSION_DECIDED,
                approved ? "延期申请已批准：%s「%s」" : "延期申请未获批准：%s「%s」");
    }

    // A job's notices, about many tickets, are written at once.

    void supervisedRed(Collection<Long> ticketIds) {
        tell(Audience.GRID_LEADERS, NotificationKind.SUPERVISED, RED, ticketIds);
    }

    void reminded(Collection<Long> ticketIds) {
        tell(Audience.ASSIGNEE, NotificationKind.REMINDER, "催办：%s「%s」即将到期，请抓紧办理", ticketIds);
    }

    void overdue(Collection<Long> ticketIds) {
        tell(Audience.ASSIGNEE, NotificationKind.OVERDUE, "超期：%s「%s」已超过办理时限", ticketIds);
    }

    /** {@code template} takes the ticket's number and title, in that order. */
    private Where.Jdbc about(Audience audience, NotificationKind kind, String template) {
        return TicketLedger.along("notice", ofChange.get(audience).of(Map.of("kind", kind.name(), "template", template)));
    }

    private void tell(Audience audience, NotificationKind kind, String template, Collection<Long> ticketIds) {
        if (ticketIds.isEmpty()) {
            return;
        }
        inbox.notifyFrom(NOTICE.formatted("ticket", audience.sql) + " WHERE t.id IN (:ids)",
                Map.of("ids", ticketIds, "kind", kind.name(), "template", template));
    }
}
