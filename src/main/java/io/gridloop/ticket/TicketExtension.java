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
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An assignee's request for more time (延期) and its decision. The ticket points at its open request;
 * the database allows one open request per ticket. A request left open when the ticket leaves the
 * assignee (released, resolved, reopened) lapses.
 */
@Entity
@Table(name = "ticket_extension")
public class TicketExtension extends PanacheEntityBase {

    enum Status { PENDING, APPROVED, REFUSED, LAPSED }

    @Id
    @SequenceGenerator(name = "ticket_extension_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ticket_extension_seq")
    public Long id;

    @Column(name = "ticket_id")
    public long ticketId;

    @Column(name = "district_id")
    public long districtId;

    @Column(name = "requested_by")
    public long requestedBy;

    @Column(name = "due_at")
    public OffsetDateTime dueAt;

    public String reason;

    @Enumerated(EnumType.STRING)
    public Status status = Status.PENDING;

    @Column(name = "decided_by")
    public Long decidedBy;

    @Column(name = "decision_note")
    public String decisionNote;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;
}
