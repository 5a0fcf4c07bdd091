package io.gridloop.ticket;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Version;

import io.gridloop.catalog.MatterClass;
import io.gridloop.ticket.TicketTerms.DispatchTarget;
import io.gridloop.ticket.TicketTerms.Kind;
import io.gridloop.ticket.TicketTerms.Priority;
import io.gridloop.ticket.TicketTerms.Rating;
import io.gridloop.ticket.TicketTerms.RejectReason;
import io.gridloop.ticket.TicketTerms.Solved;
import io.gridloop.ticket.TicketTerms.Source;
import io.gridloop.ticket.TicketTerms.Supervision;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A request from a resident, a patrol or another system, and its way through the loop. Each
 * intention-revealing method checks the state against {@link TicketAction} and refuses with
 * {@link TransitionRefused}; none is ever a silent no-op. Claims do not go through here: they are
 * settled by one conditional UPDATE in the database ({@link TicketService#claim}).
 */
@Entity
public class Ticket extends PanacheEntityBase {

    @Id
    @SequenceGenerator(name = "ticket_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ticket_seq")
    public Long id;

    @Column(name = "district_id", nullable = false)
    public long districtId;

    public String number;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    @Column(name = "category_id")
    public long categoryId;

    public String title;
    public String description;
    public Double lat;
    public Double lng;
    public String address;

    @Column(name = "grid_id")
    public long gridId;

    /** The grid's path in the region tree, copied so scope is a prefix match on the ticket itself. */
    @Column(name = "grid_path")
    public String gridPath;

    @Column(name = "reporter_id")
    public Long reporterId;

    @Column(name = "reporter_name")
    public String reporterName;

    @Column(name = "reporter_phone")
    public String reporterPhone;

    public boolean anonymous;

    @Enumerated(EnumType.STRING)
    public Source source;

    @Enumerated(EnumType.STRING)
    @Column(name = "matter_class")
    public MatterClass matterClass;

    @Enumerated(EnumType.STRING)
    public Priority priority = Priority.NORMAL;

    @Enumerated(EnumType.STRING)
    public TicketStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "dispatch_target")
    public DispatchTarget dispatchTarget;

    @Column(name = "assignee_id")
    public Long assigneeId;

    @Column(name = "assignee_unit_id")
    public Long assigneeUnitId;

    @Column(name = "response_due_at")
    public OffsetDateTime responseDueAt;

    @Column(name = "resolution_due_at")
    public OffsetDateTime resolutionDueAt;

    @Column(name = "feedback_due_at")
    public OffsetDateTime feedbackDueAt;

    @Enumerated(EnumType.STRING)
    public Supervision supervision = Supervision.NORMAL;

    @Column(name = "dispatched_at")
    public OffsetDateTime dispatchedAt;

    @Column(name = "response_red_at")
    public OffsetDateTime responseRedAt;

    @Column(name = "resolution_red_at")
    public OffsetDateTime resolutionRedAt;

    /** The level the overdue scan applied for the current deadlines (the scan's own bookkeeping). */
    @Enumerated(EnumType.STRING)
    public Supervision escalation = Supervision.NORMAL;

    /** The open extension request, if any: one at a time. */
    @Column(name = "extension_request_id")
    public Long extensionRequestId;

    @Column(name = "reopen_count")
    public int reopenCount;

    @Column(name = "flagged_for_community")
    public boolean flaggedForCommunity;

    @Column(name = "duplicate_of")
    public Long duplicateOf;

    @Enumerated(EnumType.STRING)
    @Column(name = "reject_reason")
    public RejectReason rejectReason;

    public String resolution;

    @Column(name = "claimed_at")
    public OffsetDateTime claimedAt;

    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;

    @Column(name = "verified_at")
    public OffsetDateTime verifiedAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Enumerated(EnumType.STRING)
    public Rating rating;

    @Enumerated(EnumType.STRING)
    public Solved solved;

    @Column(name = "feedback_comment")
    public String feedbackComment;

    @Version
    public long version;

    @Column(name = "created_at", updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** Past the deadline that applies now: the response while it waits to be claimed, the resolution until resolved. */
    boolean overdueAt(OffsetDateTime now) {
        boolean waiting = status == TicketStatus.DISPATCHED && responseDueAt != null && responseDueAt.isBefore(now);
        boolean open = (status == TicketStatus.DISPATCHED || status == TicketStatus.CLAIMED || status == TicketStatus.IN_PROGRESS)
                && resolutionDueAt != null && resolutionDueAt.isBefore(now);
        return waiting || open;
    }

    private void require(TicketAction action) {
        if (!action.allowedFrom(status)) {
            throw new TransitionRefused(action, status);
        }
    }

    void triage(MatterClass matterClass, Priority priority, long categoryId) {
        require(TicketAction.TRIAGE);
        this.matterClass = matterClass;
        this.priority = priority == null ? this.priority : priority;
        this.categoryId = categoryId;
        this.status = TicketStatus.TRIAGED;
    }

    /** Dispatch to the pool, an account or a unit; the clock starts here, with fresh limits after a reopen. */
    void dispatch(DispatchTarget target, Long accountId, Long unitId, MatterClass defaultClass, Deadlines deadlines,
            OffsetDateTime now) {
        require(TicketAction.DISPATCH);
        MatterClass dispatched = matterClass == null ? defaultClass : matterClass;
        if (dispatched == MatterClass.PERSONAL) {
            throw new TransitionRefused("ticket.personal-not-dispatched");
        }
        matterClass = dispatched;
        dispatchTarget = target;
        assigneeId = target == DispatchTarget.ACCOUNT ? accountId : null;
        assigneeUnitId = target == DispatchTarget.UNIT ? unitId : null;
        dispatchedAt = now;
        responseDueAt = deadlines.responseDue();
        responseRedAt = deadlines.responseRed();
        resolutionDueAt = deadlines.resolutionDue();
        resolutionRedAt = deadlines.resolutionRed();
        escalation = Supervision.NORMAL;
        status = TicketStatus.DISPATCHED;
    }

    /** When dispatch starts the clock: response and resolution due, and RED past each by its limit again. */
    record Deadlines(OffsetDateTime responseDue, OffsetDateTime responseRed, OffsetDateTime resolutionDue,
            OffsetDateTime resolutionRed) {
    }

    void start() {
        require(TicketAction.START);
        status = TicketStatus.IN_PROGRESS;
    }

    void note() {
        require(TicketAction.NOTE);
    }

    /** 退回: the assignee gives the ticket back for another dispatch. */
    void release() {
        require(TicketAction.RELEASE);
        clearAssignment();
        status = TicketStatus.TRIAGED;
    }

    /** {@code feedbackDue} is null while the category wants the leader's verification first. */
    void resolve(String resolution, OffsetDateTime now, OffsetDateTime feedbackDue) {
        require(TicketAction.RESOLVE);
        if (status == TicketStatus.TRIAGED && matterClass != MatterClass.PERSONAL) {
            throw new TransitionRefused(TicketAction.RESOLVE, status);
        }
        this.resolution = resolution;
        this.resolvedAt = now;
        this.verifiedAt = null;
        this.feedbackDueAt = feedbackDue;
        this.extensionRequestId = null;
        status = TicketStatus.RESOLVED;
    }

    /**
     * 核查: passed marks the resolution verified and, if the reporter was still waiting for that,
     * opens the feedback window; failed sends the work back to the assignee.
     */
    void verify(boolean passed, OffsetDateTime now, OffsetDateTime feedbackDue) {
        require(TicketAction.VERIFY);
        if (passed) {
            verifiedAt = now;
            feedbackDueAt = feedbackDueAt == null ? feedbackDue : feedbackDueAt;
        } else {
            verifiedAt = null;
            feedbackDueAt = null;
            status = TicketStatus.IN_PROGRESS;
        }
    }

    /** 督办: the level is the supervisor's to set, up or down. */
    void supervise(Supervision level) {
        require(TicketAction.SUPERVISE);
        supervision = level;
    }

    /** The assignee asks for more time (延期); one open request at a time. */
    void requestExtension(long requestId, OffsetDateTime dueAt) {
        require(TicketAction.REQUEST_EXTENSION);
        if (extensionRequestId != null) {
            throw io.gridloop.shared.problem.ProblemException.duplicate("ticket.extension-open");
        }
        if (resolutionDueAt != null && !dueAt.isAfter(resolutionDueAt)) {
            throw new TransitionRefused("ticket.extension-not-later");
        }
        extensionRequestId = requestId;
    }

    /** An approved extension moves the resolution deadline, and the scan starts over for it. */
    void decideExtension(long requestId, boolean approved, OffsetDateTime dueAt, OffsetDateTime redAt) {
        require(TicketAction.DECIDE_EXTENSION);
        if (extensionRequestId == null || extensionRequestId != requestId) {
            throw new TransitionRefused("ticket.extension-not-open");
        }
        extensionRequestId = null;
        if (approved) {
            resolutionDueAt = dueAt;
            resolutionRedAt = redAt;
            escalation = Supervision.NORMAL;
        }
    }

    /**
     * The reporter's rating. Satisfied closes; dissatisfied sends the ticket back to triage (重办)
     * until it has been reopened {@code maxReopens} times, after which it closes flagged for the community.
     */
    void feedback(Rating rating, Solved solved, String comment, boolean verificationRequired, int maxReopens,
            OffsetDateTime now) {
        require(TicketAction.FEEDBACK);
        if (verificationRequired && verifiedAt == null) {
            throw new TransitionRefused("ticket.not-verified");
        }
        this.rating = rating;
        this.solved = solved;
        this.feedbackComment = comment;
        if (rating != Rating.DISSATISFIED) {
            close(now);
        } else if (reopenCount >= maxReopens) {
            flaggedForCommunity = true;
            close(now);
        } else {
            reopenCount++;
            clearAssignment();
            resolution = null;
            resolvedAt = null;
            verifiedAt = null;
            feedbackDueAt = null;
            status = TicketStatus.TRIAGED;
        }
    }

    void cancel(OffsetDateTime now) {
        require(TicketAction.CANCEL);
        closedAt = now;
        status = TicketStatus.CANCELLED;
    }

    void reject(RejectReason reason, Long duplicateOf, OffsetDateTime now) {
        require(TicketAction.REJECT);
        rejectReason = reason;
        this.duplicateOf = duplicateOf;
        closedAt = now;
        status = TicketStatus.REJECTED;
    }

    private void close(OffsetDateTime now) {
        closedAt = now;
        status = TicketStatus.CLOSED;
    }

    /** Back to triage: no one has it, so no clock runs until the next dispatch starts a fresh one. */
    private void clearAssignment() {
        dispatchTarget = null;
        assigneeId = null;
        assigneeUnitId = null;
        claimedAt = null;
        dispatchedAt = null;
        responseDueAt = null;
        responseRedAt = null;
        resolutionDueAt = null;
        resolutionRedAt = null;
        escalation = Supervision.NORMAL;
        extensionRequestId = null;
    }
}
