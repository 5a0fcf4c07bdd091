package io.gridloop.ticket;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.exception.ConstraintViolationException;

import io.gridloop.catalog.Catalog;
import io.gridloop.region.Regions;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.time.DistrictConfig;
import io.gridloop.ticket.TicketTerms.Kind;
import io.gridloop.ticket.TicketTerms.Source;
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
    public record Filing(Source channel, String source, String externalId, String digest, String categoryCode, String title,
            String description, Double lat, Double lng, String address, Long gridId, boolean anonymous, String callerName,
            String callerPhone) {
    }

    /** The ticket, and whether this call filed it (false: an earlier identical call did). */
    public record Filed(TicketView ticket, boolean created) {
    }

    private static final String EXTERNAL_INDEX = "ticket_external_idx";

    private final Caller caller;
    private final Regions regions;
    private final Catalog catalog;
    private final TicketNumbers numbers;
    private final TicketViews views;
    private final TicketLedger ledger;
    private final Clock clock;
    private final ZoneId zone;

    TicketIntake(Caller caller, Regions regions, Catalog catalog, TicketNumbers numbers, TicketViews views, TicketLedger ledger,
            Clock clock, DistrictConfig district) {
        this.caller = caller;
        this.regions = regions;
        this.catalog = catalog;
        this.numbers = numbers;
        this.views = views;
        this.ledger = ledger;
        this.clock = clock;
        this.zone = district.zone();
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
            if (!externalIdTaken(e)) {
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

    private TicketView fileNew(Filing filing) {
        Catalog.Terms category = catalog.byCode(caller.districtId(), filing.categoryCode()).filter(Catalog.Terms::active)
                .orElseThrow(() -> new ProblemException(ProblemType.UNPROCESSABLE, "ticket.unknown-category", filing.categoryCode()));
        if ((filing.lat() == null) != (filing.lng() == null)) {
            throw ProblemException.invalidField("location", "ticket.location-incomplete");
        }
        Regions.Grid grid = grid(filing);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Ticket ticket = Ticket.file(caller.districtId(), numbers.next(caller.districtId(), now.atZoneSameInstant(zone).getYear()),
                new Ticket.Filing(Kind.ISSUE, category.id(), filing.title().strip(), filing.description(), filing.lat(),
                        filing.lng(), filing.address(), filing.anonymous(), grid.id(), grid.path(), filing.channel(), null,
                        filing.callerName().strip(), filing.callerPhone()),
                now);
        ticket.filedExternally(filing.source(), filing.externalId(), filing.digest(), caller.apiKeyId());
        ticket.persist();
        ledger.record(ticket, Role.INTEGRATION.name(), TicketAction.FILE, null, null, null, now);
        ticket.flush();
        return views.filed(ticket);
    }

    /** The grid named, else the one holding the location; either must lie in the key's jurisdiction (422 otherwise). */
    private Regions.Grid grid(Filing filing) {
        Regions.Grid grid;
        if (filing.gridId() != null) {
            grid = new Regions.Grid(filing.gridId(), regions.gridPath(caller.districtId(), filing.gridId()).orElse(null));
        } else if (filing.lat() != null) {
            grid = regions.locate(caller.districtId(), filing.lat(), filing.lng())
                    .orElseThrow(() -> new ProblemException(ProblemType.UNPROCESSABLE, "ticket.no-grid"));
        } else {
            throw ProblemException.invalidField("gridId", "ticket.grid-required");
        }
        if (grid.path() == null || !caller.covers(grid.path(), Role.INTEGRATION)) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "ticket.unknown-grid", grid.id());
        }
        return grid;
    }

    private static boolean externalIdTaken(Throwable e) {
        for (Throwable cause = e; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation && "23505".equals(violation.getSQLState())
                    && violation.getConstraintName() != null && violation.getConstraintName().contains(EXTERNAL_INDEX)) {
                return true;
            }
        }
        return false;
    }
}
