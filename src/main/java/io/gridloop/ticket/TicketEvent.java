package io.gridloop.ticket;

import java.time.OffsetDateTime;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One line of a ticket's timeline (一账), as the timeline reads it. Written once with the change it records,
 * by {@link TicketLedger}'s INSERT (its id from this mapping's generator); never changed.
 */
@Entity
@Immutable
@Table(name = "ticket_event")
public class TicketEvent extends PanacheEntityBase {

    @Id
    @SequenceGenerator(name = "ticket_event_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ticket_event_seq")
    public Long id;

    @Column(name = "ticket_id")
    public long ticketId;

    @Column(name = "district_id")
    public long districtId;

    @Column(name = "actor_id")
    public Long actorId;

    @Column(name = "actor_role")
    public String actorRole;

    public String action;

    @Column(name = "from_status")
    public String fromStatus;

    @Column(name = "to_status")
    public String toStatus;

    /** What a person wrote, and nothing else. */
    public String note;

    /** The action's facts ({@link TicketFact}) as JSON; null for actions that record none. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> details;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
