package io.gridloop.ticket;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridloop.account.Recipients;
import io.gridloop.inbox.Inbox;
import io.gridloop.inbox.NotificationKind;

/**
 * Who hears what about a ticket (SPEC §1.6–1.7): written to their inboxes in the transaction of
 * the change, as one INSERT … SELECT per audience, so a job can tell thousands at the cost of one.
 * Disabled accounts hear nothing ({@link Recipients}).
 * Texts are the zh-CN messages a mini-program shows; clients that want another language go by kind.
 */
@ApplicationScoped
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

    private final Inbox inbox;

    TicketNotices(Inbox inbox) {
        this.inbox = inbox;
    }

    void dispatched(Ticket ticket) {
        tell(ticket.dispatchTarget == TicketTerms.DispatchTarget.POOL ? Audience.POOL : Audience.ASSIGNEE,
                NotificationKind.DISPATCHED, "新事项待办理：%s「%s」", List.of(ticket.id));
    }

    void resolved(Ticket ticket) {
        tell(Audience.REPORTER, NotificationKind.RESOLVED, ticket.feedbackDueAt == null
                ? "您反映的事项 %s「%s」已办结，网格长核查后请您评价" : "您反映的事项 %s「%s」已办结，请您评价", List.of(ticket.id));
    }

    void feedbackRequested(Ticket ticket) {
        tell(Audience.REPORTER, NotificationKind.FEEDBACK_REQUESTED, "您反映的事项 %s「%s」已核查办结，请您评价", List.of(ticket.id));
    }

    void reopened(Ticket ticket) {
        tell(Audience.GRID_LEADERS, NotificationKind.REOPENED, "重办：群众对 %s「%s」不满意，请重新分派", List.of(ticket.id));
    }

    void supervisedRed(Collection<Long> ticketIds) {
        tell(Audience.GRID_LEADERS, NotificationKind.SUPERVISED, "红色督办：%s「%s」", ticketIds);
    }

    void extensionRequested(Ticket ticket) {
        tell(Audience.GRID_LEADERS, NotificationKind.EXTENSION_REQUESTED, "延期申请待审批：%s「%s」", List.of(ticket.id));
    }

    void extensionDecided(Ticket ticket, boolean approved) {
        tell(Audience.ASSIGNEE, NotificationKind.EXTENSION_DECIDED,
                approved ? "延期申请已批准：%s「%s」" : "延期申请未获批准：%s「%s」", List.of(ticket.id));
    }

    void reminded(Collection<Long> ticketIds) {
        tell(Audience.ASSIGNEE, NotificationKind.REMINDER, "催办：%s「%s」即将到期，请抓紧办理", ticketIds);
    }

    void overdue(Collection<Long> ticketIds) {
        tell(Audience.ASSIGNEE, NotificationKind.OVERDUE, "超期：%s「%s」已超过办理时限", ticketIds);
    }

    /** {@code template} takes the ticket's number and title, in that order. */
    private void tell(Audience audience, NotificationKind kind, String template, Collection<Long> ticketIds) {
        if (ticketIds.isEmpty()) {
            return;
        }
        inbox.notifyFrom("""
                SELECT r.account_id, t.district_id, :kind AS kind, t.id AS ticket_id, t.number AS ticket_number,
                       format(:template, t.number, t.title) AS text
                FROM ticket t JOIN LATERAL (%s) r ON true
                WHERE t.id IN (:ids)""".formatted(audience.sql), Map.of("ids", ticketIds, "kind", kind.name(), "template", template));
    }
}
