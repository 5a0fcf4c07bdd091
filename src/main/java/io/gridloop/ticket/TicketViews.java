package io.gridloop.ticket;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Singleton;

import io.gridloop.account.Accounts;
import io.gridloop.account.Accounts.Contact;
import io.gridloop.audit.Audit;
import io.gridloop.catalog.Catalog;
import io.gridloop.media.Attachments;
import io.gridloop.shared.privacy.PersonalData;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.sql.Jdbc;
import io.gridloop.shared.sql.Where;

/**
 * Builds ticket views for a caller in a few batched queries (names, duplicates), never one query
 * per ticket, and cuts the reporter's identity to what the caller may know:
 * the reporter sees all; an anonymous ticket shows no one to party members or units; the handler
 * sees the phone, and that read is audited ({@link Audit#personalDataShown}; an action's answer with its change);
 * other staff see it masked.
 */
@Singleton
class TicketViews {

    private static final Role[] STAFF = { Role.GRID_MEMBER, Role.GRID_LEADER, Role.COMMUNITY_ADMIN, Role.DISTRICT_ADMIN };

    private final Jdbc jdbc;
    private final Caller caller;
    private final Clock clock;
    private final Audit audit;
    private final Accounts people;
    private final Catalog catalog;
    private final Attachments attachments;

    TicketViews(Jdbc jdbc, Caller caller, Clock clock, Audit audit, Accounts people,
            Catalog catalog, Attachments attachments) {
        this.jdbc = jdbc;
        this.caller = caller;
        this.clock = clock;
        this.audit = audit;
        this.people = people;
        this.catalog = catalog;
        this.attachments = attachments;
    }

    TicketView of(Ticket ticket) {
        return of(List.of(ticket)).get(0);
    }

    List<TicketView> of(List<Ticket> tickets) {
        if (tickets.isEmpty()) {
            return List.of();
        }
        Set<Long> phonesShown = new HashSet<>();
        List<TicketView> views = build(tickets, Map.of(), phonesShown);
        audit(phonesShown);
        return views;
    }

    /** SPEC §1.2: every unmasked phone shown to someone other than its owner is on record. */
    private void audit(Set<Long> phonesShown) {
        if (!phonesShown.isEmpty()) {
            audit.personalDataShown(caller.districtId(), caller.accountId(), "ticket", phonesShown, "reporter.phone");
        }
    }

    /** An action's answer, and the audit entry of the phone it shows (null for none), which goes with its change. */
    record Answer(TicketView view, Where.Jdbc audit) {
    }

    /**
     * The answer to a filing or an action, built before its statement is written, from the ticket as the statement will
     * store it (a filing's number comes after, {@link TicketView#numbered}): {@code attachedNow} are the uploads it
     * attaches. So the audit of the phone the answer shows ({@link Audit#personalDataShownSql}) is written in that
     * statement ({@link TicketLedger}): by a filing, whose statement writes the ticket or fails; by an action only if
     * its change, the statement's relation {@code changed} (null for a filing), holds the ticket.
     */
    Answer answer(Ticket ticket, List<Long> attachedNow, String changed) {
        Set<Long> phonesShown = new HashSet<>();
        TicketView view = build(List.of(ticket), Map.of(ticket.id, attachedNow), phonesShown).get(0);
        return new Answer(view, phonesShown.isEmpty() ? null
                : audit.personalDataShownSql(caller.districtId(), caller.accountId(), "ticket", phonesShown, "reporter.phone",
                        changed));
    }

    /** The views, adding to the phones they show unmasked (SPEC §1.2: each on record). */
    private List<TicketView> build(List<Ticket> tickets, Map<Long, List<Long>> attachedNow, Set<Long> phonesShown) {
        Map<Long, String> codes = categoryCodes(tickets);
        Map<Long, Contact> accounts = accounts(tickets);
        Map<Long, List<Long>> duplicates = duplicatesSeenByCaller(tickets.stream().filter(t -> t.mayHaveDuplicates).toList());
        Map<Long, List<Long>> attached = attachments.ofTickets(
                tickets.stream().filter(t -> t.mayHaveUploads).map(t -> t.id).toList());
        return tickets.stream().map(t -> view(t, codes.get(t.categoryId), accounts, duplicates.getOrDefault(t.id, List.of()),
                uploads(attached.getOrDefault(t.id, List.of()), attachedNow.getOrDefault(t.id, List.of())), phonesShown))
                .toList();
    }

    /** A ticket's uploads in order of their ids, as {@code Attachments.ofTickets} lists them. */
    private static List<Long> uploads(List<Long> attached, List<Long> attachedNow) {
        return attachedNow.isEmpty() ? attached : Stream.concat(attached.stream(), attachedNow.stream()).sorted().toList();
    }

    private Map<Long, String> categoryCodes(List<Ticket> tickets) {
        return catalog.codes(tickets.stream().map(t -> t.categoryId).collect(Collectors.toSet()));
    }

    /**
     * The reporters and assignees: those the statement that found a ticket read with it ({@link Ticket#contactsRead}),
     * the caller's own, which came with the caller (its bindings' statement), and only the others read now. So a
     * resident's filing and an action's answer read no account unless the action gave the ticket someone new.
     */
    private Map<Long, Contact> accounts(List<Ticket> tickets) {
        Set<Long> ids = tickets.stream().flatMap(t -> Stream.of(t.reporterId, t.assigneeId)).filter(Objects::nonNull)
                .collect(Collectors.toCollection(HashSet::new));
        Map<Long, Contact> contacts = new HashMap<>();
        tickets.forEach(t -> contacts.putAll(t.contactsRead));
        if (ids.contains(caller.accountId())) {
            contacts.put(caller.accountId(), new Contact(caller.accountId(), caller.name(), caller.phone()));
        }
        ids.removeAll(contacts.keySet());
        contacts.putAll(people.contacts(ids));
        return contacts;
    }

    private TicketView view(Ticket t, String categoryCode, Map<Long, Contact> accounts, List<Long> duplicates,
            List<Long> attachmentIds, Set<Long> phonesShown) {
        TicketView.Assignee assignee = t.dispatchTarget == null && t.assigneeId == null ? null
                : new TicketView.Assignee(t.dispatchTarget, t.assigneeId,
                        t.assigneeId == null ? null : accounts.get(t.assigneeId).name(), t.assigneeUnitId);
        return new TicketView(t.id, t.number, t.kind, t.status, categoryCode, t.title, t.description,
                t.lat == null && t.lng == null && t.address == null ? null : new TicketView.Location(t.lat, t.lng, t.address),
                t.gridId, t.source, t.matterClass, t.priority, t.anonymous, reporter(t, accounts, phonesShown), assignee,
                t.status == TicketStatus.DISPATCHED ? t.responseDueAt : t.resolutionDueAt,
                t.responseDueAt, t.resolutionDueAt, t.feedbackDueAt, t.supervision, t.overdueAt(OffsetDateTime.now(clock)),
                t.extensionRequestId, t.reopenCount, t.flaggedForCommunity,
                t.duplicateOf, duplicates, t.rejectReason, t.resolution, t.verifiedAt, t.rating, t.solved, t.version,
                t.createdAt, t.updatedAt, t.externalId == null ? null : new TicketView.External(t.externalSource, t.externalId),
                attachmentIds);
    }

    /** Whether the caller may know who reported the ticket (SPEC §1.4): anyone unless it is anonymous; then the reporter and staff over its grid. */
    boolean showsReporter(Ticket t) {
        return !t.anonymous || (t.reporterId != null && t.reporterId == caller.accountId()) || caller.covers(t.gridPath, STAFF);
    }

    private TicketView.Reporter reporter(Ticket t, Map<Long, Contact> accounts, Set<Long> phonesShown) {
        Contact account = t.reporterId == null ? null : accounts.get(t.reporterId);
        String name = account == null ? t.reporterName : account.name();
        String phone = account == null ? t.reporterPhone : account.phone();
        long me = caller.accountId();
        if (t.reporterId != null && t.reporterId == me) {
            return new TicketView.Reporter(t.reporterId, name, phone);
        }
        boolean staff = caller.covers(t.gridPath, STAFF);
        if (t.anonymous && !staff) {
            return null;
        }
        boolean handles = t.assigneeId != null && t.assigneeId == me;
        if (handles && phone != null) {
            phonesShown.add(t.id);
        }
        return new TicketView.Reporter(staff ? t.reporterId : null, name, handles ? phone : PersonalData.maskedPhone(phone));
    }

    /**
     * The tickets marked duplicates of these that the caller may see, by the ticket they duplicate: the others'
     * ids are not revealed. Read by JDBC, for the tickets that may have some (after an action, only if its find saw
     * some); none for none, as {@code Attachments.ofTickets} does for uploads.
     */
    private Map<Long, List<Long>> duplicatesSeenByCaller(List<Ticket> tickets) {
        if (tickets.isEmpty()) {
            return Map.of();
        }
        Where where = Where.of("t.duplicate_of IN (:ids)", "ids", tickets.stream().map(t -> t.id).toList())
                .and("t.district_id = :district", "district", caller.districtId()).and(TicketScope.visibleTo(caller));
        Where.Jdbc statement = where.jdbc("SELECT t.duplicate_of, t.id FROM ticket t WHERE " + where.sql() + " ORDER BY t.id");
        Map<Long, List<Long>> duplicates = new HashMap<>();
        jdbc.each(statement.sql(),
                row -> duplicates.computeIfAbsent(row.getLong(1), k -> new ArrayList<>()).add(row.getLong(2)),
                statement.parameters());
        return duplicates;
    }
}
