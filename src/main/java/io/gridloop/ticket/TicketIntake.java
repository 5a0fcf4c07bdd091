package io.gridloop.ticket;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridloop.shared.problem.Causes;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.security.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Tickets other systems file under their own ids (the 12345 hotline): one ticket per (district,
 * source, external id), settled by the unique index {@code ticket_external_idx}. The same call again
 * finds the first ticket; another call under the same id is refused with the first ticket's id.
 * Concurrent identical calls queue on an advisory lock of the pair, so the second finds the first's
 * ticket; the index is what guarantees it (should a call get past the lock, its insert fails and it
 * answers the winner's ticket all the same).
 */
@ApplicationScoped
public class TicketIntake {

    /** What another system files: its name and id for the ticket, a digest of its request, and the ticket's fields. */
    public record Filing(String source, String externalId, String digest, ExternalTicket ticket) {
    }

    /** The ticket, and whether this call filed it (false: an earlier identical call did). */
    public record Filed(TicketView ticket, boolean created) {
    }

    private static final String EXTERNAL_INDEX = "ticket_external_idx";

    private final Caller caller;
    private final TicketService tickets;
    private final TicketViews views;

    TicketIntake(Caller caller, TicketService tickets, TicketViews views) {
        this.caller = caller;
        this.tickets = tickets;
        this.views = views;
    }

    public Filed file(Filing filing) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                // identical calls queue here rather than on the index, so the loser reads the winner's ticket instead of
                // failing an insert (whose error would carry the caller's phone into the log)
                Ticket.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, ?2))")
                        .setParameter(1, filing.source() + "/" + filing.externalId()).setParameter(2, caller.districtId())
                        .getSingleResult();
                return earlier(filing).orElseGet(() -> new Filed(fileNew(filing), true));
            });
        } catch (RuntimeException e) {
            if (!Causes.uniqueViolation(e, EXTERNAL_INDEX)) {
                throw e;
            }
            return QuarkusTransaction.requiringNew().call(() -> earlier(filing))
                    .orElseThrow(() -> new IllegalStateException("the unique index refused a ticket no one can read", e));
        }
    }

    /** The ticket filed under the pair in the caller's district and jurisdiction, as the caller may see it. */
    public Optional<TicketView> find(String source, String externalId) {
        return QuarkusTransaction.joiningExisting().call(() -> existing(source, externalId).map(views::of));
    }

    private Optional<Ticket> existing(String source, String externalId) {
        return Ticket.<Ticket>find("districtId = ?1 and externalSource = ?2 and externalId = ?3", caller.districtId(), source,
                externalId).firstResultOptional().filter(t -> caller.covers(t.gridPath, Role.INTEGRATION));
    }

    private Optional<Filed> earlier(Filing filing) {
        Optional<Ticket> ticket = Ticket.<Ticket>find("districtId = ?1 and externalSource = ?2 and externalId = ?3",
                caller.districtId(), filing.source(), filing.externalId()).firstResultOptional();
        if (ticket.isEmpty()) {
            return Optional.empty();
        }
        Ticket first = ticket.get();
        if (!first.externalDigest.equals(filing.digest()) || !caller.covers(first.gridPath, Role.INTEGRATION)) {
            throw ProblemException.duplicateAt("/api/v1/tickets/" + first.id, "ticket.external-id-taken", filing.source(),
                    filing.externalId(), first.id);
        }
        return Optional.of(new Filed(views.of(first), false));
    }

    /** The ticket's INSERT runs at once ({@link TicketLedger#filed}), so a unique violation surfaces inside the call. */
    private TicketView fileNew(Filing filing) {
        return tickets.fileExternal(filing.ticket(),
                new TicketService.ExternalId(filing.source(), filing.externalId(), filing.digest()));
    }
}
