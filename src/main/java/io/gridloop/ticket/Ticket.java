package io.gridloop.ticket;

import java.time.OffsetDateTime;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import org.hibernate.annotations.DynamicUpdate;

import io.gridloop.account.Accounts.Contact;
import io.gridloop.catalog.MatterClass;
import io.gridloop.shared.problem.ProblemException;
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
 * {@link TransitionRefused}; none is ever a silent no-op. Its state is changed only by these methods:
 * no field can be assigned from outside the package. The database settles what must be settled across
 * instances (who wins a claim: {@link TicketService#claim} locks the row first) and the scheduled jobs
 * ({@link DeadlineJobs}), binding the same {@link TicketAction} table.
 */
@Entity
@DynamicUpdate // an action's UPDATE sets the columns it changed (and the version), not all 50
public class Ticket extends PanacheEntityBase {

    @Id
    @SequenceGenerator(name = "ticket_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ticket_seq")
    Long id;

    @Column(name = "district_id", nullable = false)
    long districtId;

    String number;

    @Enumerated(EnumType.STRING)
    Kind kind;

    @Column(name = "category_id")
    long categoryId;

    String title;
    String description;
    Double lat;
    Double lng;
    String address;

    @Column(name = "grid_id")
    long gridId;

    /** The grid's path in the region tree, copied so scope is a prefix match on the ticket itself. */
    @Column(name = "grid_path")
    String gridPath;

    @Column(name = "reporter_id")
    Long reporterId;

    @Column(name = "reporter_name")
    String reporterName;

    @Column(name = "reporter_phone")
    String reporterPhone;

    boolean anonymous;

    @Enumerated(EnumType.STRING)
    Source source;

    @Enumerated(EnumType.STRING)
    @Column(name = "matter_class")
    MatterClass matterClass;

    @Enumerated(EnumType.STRING)
    Priority priority = Priority.NORMAL;

    @Enumerated(EnumType.STRING)
    TicketStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "dispatch_target")
    DispatchTarget dispatchTarget;

    @Column(name = "assignee_id")
    Long assigneeId;

    @Column(name = "assignee_unit_id")
    Long assigneeUnitId;

    @Column(name = "response_due_at")
    OffsetDateTime responseDueAt;

    @Column(name = "resolution_due_at")
    OffsetDateTime resolutionDueAt;

    @Column(name = "feedback_due_at")
    OffsetDateTime feedbackDueAt;

    @Enumerated(EnumType.STRING)
    Supervision supervision = Supervision.NORMAL;

    @Column(name = "dispatched_at")
    OffsetDateTime dispatchedAt;

    @Column(name = "response_red_at")
    OffsetDateTime responseRedAt;

    @Column(name = "resolution_red_at")
    OffsetDateTime resolutionRedAt;

    /** The level the overdue scan applied for the current deadlines (the scan's own bookkeeping). */
    @Enumerated(EnumType.STRING)
    Supervision escalation = Supervision.NORMAL;

    /** The open extension request, if any: one at a time. */
    @Column(name = "extension_request_id")
    Long extensionRequestId;

    @Column(name = "reopen_count")
    int reopenCount;

    @Column(name = "flagged_for_community")
    boolean flaggedForCommunity;

    @Column(name = "duplicate_of")
    Long duplicateOf;

    /**
     * Whether some ticket may be marked a duplicate of this one, and whether it may have uploads, so that its view
     * asks which: false only when the statement that found the ticket for an action saw none (TicketQueries), or for a
     * ticket just filed, which saves the view a statement each. An upload the action attaches sets the second again
     * (TicketLedger); the uploads a filing attaches its view lists as given.
     */
    @Transient
    boolean mayHaveDuplicates = true;
    @Transient
    boolean mayHaveUploads = true;

    /**
     * The reporter's and the assignee's contacts, by id, as the statement that found the ticket read them (TicketQueries):
     * its view takes them instead of reading them again. Empty for a ticket loaded any other way.
     */
    @Transient
    Map<Long, Contact> contactsRead = Map.of();

    /** The row as an action's find read it ({@link TicketRows}): what the action's UPDATE compares with. */
    @Transient
    Object[] stored;

    @Enumerated(EnumType.STRING)
    @Column(name = "reject_reason")
    RejectReason rejectReason;

    String resolution;

    @Column(name = "claimed_at")
    OffsetDateTime claimedAt;

    @Column(name = "resolved_at")
    OffsetDateTime resolvedAt;

    @Column(name = "verified_at")
    OffsetDateTime verifiedAt;

    @Column(name = "closed_at")
    OffsetDateTime closedAt;

    @Enumerated(EnumType.STRING)
    Rating rating;

    @Enumerated(EnumType.STRING)
    Solved solved;

    @Column(name = "feedback_comment")
    String feedbackComment;

    /** For a ticket another system filed: that system's name for itself and its id there (V14). */
    @Column(name = "external_source")
    String externalSource;

    @Column(name = "external_id")
    String externalId;

    /** A digest of the filing request, to tell the same call again from another call under the same id. */
    @Column(name = "external_digest")
    String externalDigest;

    @Column(name = "filed_by_api_key")
    Long filedByApiKey;

    @Version
    long version;

    @Column(name = "created_at", updatable = false)
    OffsetDateTime createdAt;

    @Column(name = "updated_at")
    OffsetDateTime updatedAt;

    /**
     * Past the deadline that applies now: the response while it waits to be claimed, the resolution
     * while it is in work (the states the overdue scan watches). {@link TicketQueries#overdue} is this in SQL.
     */
    boolean overdueAt(OffsetDateTime now) {
        boolean waiting = TicketAction.CLAIM.allowedFrom(status) && responseDueAt != null && responseDueAt.isBefore(now);
        boolean open = TicketAction.ESCALATE.allowedFrom(status) && resolutionDueAt != null && resolutionDueAt.isBefore(now);
        return waiting || open;
    }

    /** What a filing says: the request, and who filed it where (decided by {@link TicketService} from the caller). */
    record Filing(Kind kind, long categoryId, String title, String description, Double lat, Double lng, String address,
            boolean anonymous, long gridId, String gridPath, Source source, Long reporterId, String reporterName,
            String reporterPhone) {
    }

    /** 群众点单: a new ticket, SUBMITTED, waiting for triage. */
    static Ticket file(long districtId, Filing filing, OffsetDateTime now) {
        Ticket ticket = new Ticket();
        ticket.districtId = districtId;
        ticket.kind = filing.kind();
        ticket.categoryId = filing.categoryId();
        ticket.title = filing.title();
        ticket.description = filing.description();
        ticket.lat = filing.lat();
        ticket.lng = filing.lng();
        ticket.address = filing.address();
        ticket.anonymous = filing.anonymous();
        ticket.gridId = filing.gridId();
        ticket.gridPath = filing.gridPath();
        ticket.source = filing.source();
        ticket.reporterId = filing.reporterId();
        ticket.reporterName = filing.reporterName();
        ticket.reporterPhone = filing.reporterPhone();
        ticket.createdAt = now;
        ticket.updatedAt = now;
        ticket.status = TicketStatus.SUBMITTED;
        ticket.mayHaveDuplicates = false;
        ticket.mayHaveUploads = false;
        return ticket;
    }

    /** Filed by another system's API key, under that system's own id. */
    void filedExternally(String source, String id, String digest, long apiKeyId) {
        this.externalSource = source;
        this.externalId = id;
        this.externalDigest = digest;
        filedBy(apiKeyId);
    }

    /** Filed by another system's API key (Open311, the hotline): that key's webhook subscriptions hear of it. */
    void filedBy(long apiKeyId) {
        this.filedByApiKey = apiKeyId;
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

    /**
     * 党员接单: the claimant (or the handler of the unit it was sent to) takes it. The response deadline
     * is behind it, so the overdue scan watches the resolution deadline afresh. Who may claim, and who
     * wins a race, is settled by {@link TicketService#claim} before this runs.
     */
    void claimBy(long accountId, OffsetDateTime now) {
        require(TicketAction.CLAIM);
        assigneeId = accountId;
        claimedAt = now;
        escalation = Supervision.NORMAL;
        status = TicketStatus.CLAIMED;
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
            throw ProblemException.duplicate("ticket.extension-open");
        }
        if (resolutionDueAt != null && !dueAt.isAfter(resolutionDueAt)) {
            throw ProblemException.invalidField("dueAt", "ticket.extension-not-later");
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
