package io.gridloop.open311;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridloop.catalog.Catalog;
import io.gridloop.integration.ApiKeySignIn;
import io.gridloop.region.Regions;
import io.gridloop.shared.problem.Messages;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.gridloop.shared.security.Caller;
import io.gridloop.ticket.ExternalTicket;
import io.gridloop.ticket.TicketQueries;
import io.gridloop.ticket.TicketQueries.ExternalFilter;
import io.gridloop.ticket.TicketService;
import io.gridloop.ticket.TicketTerms.Source;
import io.gridloop.ticket.TicketView;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * GeoReport v2 over the ticket loop. The catalogue is public (a district's, by jurisdiction_id or the
 * key's); requests are read and filed with an API key, inside its jurisdiction (the key's region), as
 * that key's caller: the same scope, filing and timeline as every other caller of the ticket feature.
 */
@ApplicationScoped
class Open311Service {

    private static final int MAX_CATEGORIES = 1000;
    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern
            .compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    private final Caller caller;
    private final SecurityIdentity identity;
    private final ApiKeySignIn signIn;
    private final Regions regions;
    private final Catalog catalog;
    private final TicketService tickets;
    private final TicketQueries ticketQueries;
    private final Open311Filings filings;
    private final Open311Config config;
    private final ObjectMapper json;
    private final Clock clock;

    Open311Service(Caller caller, SecurityIdentity identity, ApiKeySignIn signIn, Regions regions, Catalog catalog,
            TicketService tickets, TicketQueries ticketQueries, Open311Filings filings, Open311Config config, ObjectMapper json,
            Clock clock) {
        this.caller = caller;
        this.identity = identity;
        this.signIn = signIn;
        this.regions = regions;
        this.catalog = catalog;
        this.tickets = tickets;
        this.ticketQueries = ticketQueries;
        this.filings = filings;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    Open311Views.Discovery discovery(String baseUrl) {
        Open311Views.Endpoint endpoint = new Open311Views.Endpoint("http://wiki.open311.org/GeoReport_v2", baseUrl + "/open311/v2",
                config.changeset(), "production", List.of(Open311Format.JSON.mediaType, Open311Format.XML.mediaType));
        return new Open311Views.Discovery(config.changeset(), config.contact(), config.keyService(), List.of(endpoint));
    }

    List<Open311Views.Service> services(Open311Params params, Locale locale) {
        return catalog.active(district(params), MAX_CATEGORIES).stream().map(c -> service(c, locale)).toList();
    }

    Open311Views.Definition definition(String code, Open311Params params, Locale locale) {
        Catalog.Listed category = category(district(params), code);
        return new Open311Views.Definition(category.code(), Open311Attributes.of(category));
    }

    /** Files the request as a ticket of source OPEN311; a retry of the same fields within the window answers the first. */
    @Transactional
    Filing file(Open311Params params, Locale locale) {
        requireKey(params);
        Catalog.Listed category = category(caller.districtId(), params.required("service_code", 40));
        Optional<Double> lat = params.number("lat", -90, 90);
        Optional<Double> lng = params.number("long", -180, 180);
        if (lat.isPresent() != lng.isPresent()) {
            throw Open311Params.invalid(lat.isPresent() ? "long" : "lat", "open311.location-required");
        }
        Optional<String> address = params.text("address_string", 200);
        Optional<String> addressId = params.text("address_id", 100);
        if (lat.isEmpty() && address.isEmpty() && addressId.isEmpty()) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "open311.location-required");
        }
        Optional<String> description = params.text("description", 4000);
        Map<String, Object> answers = Open311Attributes.answers(category, params);
        String name = (params.text("first_name", 25).orElse("") + " " + params.text("last_name", 25).orElse("")).strip();
        Optional<String> phone = params.text("phone", 20);
        if (phone.isPresent() && !phone.get().matches("^[0-9+\\- ]*$")) {
            throw Open311Params.invalid("phone", "open311.phone-invalid");
        }
        Optional<String> email = params.text("email", 254);
        Optional<String> deviceId = params.text("device_id", 100);
        Optional<String> mediaUrl = params.text("media_url", 1000).map(Open311Service::mediaUrl);
        long keyId = keyId();
        String fingerprint = fingerprint(params);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Optional<Open311Filings.Filed> earlier = filings.retried(keyId, fingerprint, now.minus(config.retryWindow()));
        if (earlier.isPresent()) {
            return new Filing(new Open311Views.Filed(String.valueOf(earlier.get().ticketId()), earlier.get().token().toString(),
                    notice(category, locale)), true);
        }
        String where = address.or(() -> addressId).orElse(null);
        TicketView ticket = tickets.fileExternal(new ExternalTicket(Source.OPEN311, category.code(),
                title(description.orElse(null), category, locale), description.orElse(null), lat.orElse(null), lng.orElse(null),
                where, null, false, name.isEmpty() ? signIn.name(keyId) : name, phone.orElse(null)));
        UUID token = UUID.randomUUID();
        filings.record(new Open311Filings.Record(ticket.id(), caller.districtId(), keyId, token, fingerprint, deviceId.orElse(null),
                email.orElse(null), mediaUrl.orElse(null), write(answers), now));
        return new Filing(new Open311Views.Filed(String.valueOf(ticket.id()), token.toString(), notice(category, locale)),
                false);
    }

    /** A filing's answer, and whether it is the answer to an earlier POST of the same fields. */
    record Filing(Open311Views.Filed filed, boolean replayed) {
    }

    List<Open311Views.Request> requests(Open311Params params, Locale locale) {
        requireKey(params);
        Optional<String> ids = params.text("service_request_id", 2000);
        if (ids.isPresent()) {
            return views(ticketQueries.external(new ExternalFilter(ids(ids.get()), null, null, null, null), config.maxIds()),
                    locale);
        }
        Optional<OffsetDateTime> start = params.time("start_date");
        Optional<OffsetDateTime> end = params.time("end_date");
        Duration span = Duration.ofDays(config.maxDays());
        OffsetDateTime to = end.orElseGet(() -> start.map(s -> s.plus(span)).filter(s -> s.isBefore(OffsetDateTime.now(clock)))
                .orElseGet(() -> OffsetDateTime.now(clock)));
        OffsetDateTime from = start.orElse(to.minus(span));
        if (from.isAfter(to)) {
            throw Open311Params.invalid("start_date", "open311.date-order");
        }
        if (Duration.between(from, to).compareTo(span) > 0) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "open311.date-span", config.maxDays());
        }
        Optional<String> code = params.text("service_code", 40);
        Boolean terminal = params.text("status", 20).map(Open311Service::terminal).orElse(null);
        // end_date is inclusive in GeoReport; the query's end is exclusive
        return views(ticketQueries.external(new ExternalFilter(null, code.orElse(null), from, to.plusNanos(1000), terminal),
                config.maxResults()), locale);
    }

    Open311Views.Request request(String id, Open311Params params, Locale locale) {
        requireKey(params);
        List<Long> ids = id.length() <= 18 ? List.of(Long.parseLong(id)) : List.of();
        return views(ticketQueries.external(new ExternalFilter(ids, null, null, null, null), 1), locale)
                .stream().findFirst()
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "open311.request-not-found", id));
    }

    Open311Views.Token token(String token, Open311Params params) {
        requireKey(params);
        Optional<Long> ticket = TOKEN.matcher(token).matches() ? filings.ticketOf(caller.districtId(), UUID.fromString(token))
                : Optional.empty();
        return ticket
                .filter(id -> !ticketQueries.external(new ExternalFilter(List.of(id), null, null, null, null), 1).isEmpty())
                .map(id -> new Open311Views.Token(String.valueOf(id), token))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "open311.token-not-found", token));
    }

    /**
     * Tickets as GeoReport v2 shows them: status open or closed (terminal), the notes of the outcome,
     * the grid that handles it, the category's notice and the resolution deadline; never the reporter.
     */
    private List<Open311Views.Request> views(List<TicketView> found, Locale locale) {
        if (found.isEmpty()) {
            return List.of();
        }
        Map<String, Catalog.Listed> categories = catalog.active(caller.districtId(), MAX_CATEGORIES).stream()
                .collect(Collectors.toMap(Catalog.Listed::code, Function.identity()));
        Map<Long, String> grids = regions.named(found.stream().map(TicketView::gridId).distinct().toList()).stream()
                .collect(Collectors.toMap(Regions.RegionName::id, Regions.RegionName::name));
        Map<Long, String> media = filings.mediaUrls(found.stream().map(TicketView::id).toList());
        List<Open311Views.Request> views = new ArrayList<>();
        for (TicketView t : found) {
            Catalog.Listed category = categories.get(t.categoryCode());
            TicketView.Location location = t.location();
            views.add(new Open311Views.Request(String.valueOf(t.id()), t.status().terminal() ? "closed" : "open",
                    statusNotes(t, locale), category == null ? null : name(category, locale), t.categoryCode(), t.description(),
                    grids.get(t.gridId()), category == null ? null : notice(category, locale), t.createdAt(), t.updatedAt(),
                    t.resolutionDueAt(), location == null ? null : location.address(), null, null,
                    location == null ? null : location.lat(), location == null ? null : location.lng(), media.get(t.id())));
        }
        return views;
    }

    private static String statusNotes(TicketView t, Locale locale) {
        return switch (t.status()) {
            case RESOLVED -> Messages.text(locale, "open311.status.resolved", t.resolution());
            case CLOSED -> t.resolution() == null ? null : Messages.text(locale, "open311.status.closed", t.resolution());
            case REJECTED -> Messages.text(locale, "open311.status.rejected",
                    Messages.text(locale, "open311.reject." + t.rejectReason()));
            case CANCELLED -> Messages.text(locale, "open311.status.cancelled");
            default -> null;
        };
    }

    /** The district a catalogue read is about: the key's, else jurisdiction_id's, else the only one there is. */
    private long district(Open311Params params) {
        if (params.text("api_key", 200).isPresent() || caller.isApiKey()) {
            requireKey(params);
            return caller.districtId();
        }
        List<Regions.RegionName> districts = regions.districts();
        Optional<String> jurisdiction = params.text("jurisdiction_id", 20);
        if (jurisdiction.isPresent()) {
            return districts.stream().filter(d -> String.valueOf(d.id()).equals(jurisdiction.get())).findFirst()
                    .map(Regions.RegionName::id)
                    .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "open311.jurisdiction-unknown", jurisdiction.get()));
        }
        if (districts.size() != 1) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "open311.jurisdiction-required");
        }
        return districts.get(0).id();
    }

    /**
     * The request's caller is an API key: the {@code api_key} parameter (GeoReport v2), or the X-API-Key
     * header the rest of the API takes. Missing: 400; unknown or revoked: 403. A jurisdiction_id, if
     * given, must be the key's district.
     */
    private void requireKey(Open311Params params) {
        Optional<String> key = params.text("api_key", 200);
        if (key.isPresent()) {
            if (!signIn.signIn(key.get())) {
                throw new ProblemException(ProblemType.FORBIDDEN, "open311.api-key-invalid");
            }
        } else if (!caller.isApiKey()) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "open311.api-key-required");
        }
        Optional<String> jurisdiction = params.text("jurisdiction_id", 20);
        if (jurisdiction.isPresent() && !jurisdiction.get().equals(String.valueOf(caller.districtId()))) {
            throw new ProblemException(ProblemType.NOT_FOUND, "open311.jurisdiction-unknown", jurisdiction.get());
        }
    }

    private long keyId() {
        return ((Number) identity.getAttribute(Caller.API_KEY_ATTRIBUTE)).longValue();
    }

    private Catalog.Listed category(long districtId, String code) {
        return catalog.active(districtId, MAX_CATEGORIES).stream().filter(c -> c.code().equals(code)).findFirst()
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "open311.service-unknown", code));
    }

    private List<Long> ids(String list) {
        List<Long> ids = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            String id = part.strip();
            if (!id.matches("^[0-9]{1,18}$")) {
                throw Open311Params.invalid("service_request_id", "open311.number-invalid");
            }
            ids.add(Long.parseLong(id));
        }
        if (ids.size() > config.maxIds()) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "open311.too-many-ids", config.maxIds());
        }
        return ids;
    }

    /** {@code open}, {@code closed}, or both (comma-separated): whether the tickets asked for are terminal, or null for both. */
    private static Boolean terminal(String status) {
        boolean open = false;
        boolean closed = false;
        for (String part : status.split(",", -1)) {
            switch (part.strip()) {
                case "open" -> open = true;
                case "closed" -> closed = true;
                default -> throw Open311Params.invalid("status", "open311.text-invalid");
            }
        }
        return open == closed ? null : closed;
    }

    private static String mediaUrl(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            if (!uri.isAbsolute() || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                throw Open311Params.invalid("media_url", "open311.text-invalid");
            }
            return uri.toString();
        } catch (java.net.URISyntaxException e) {
            throw Open311Params.invalid("media_url", "open311.text-invalid");
        }
    }

    static Open311Views.Service service(Catalog.Listed category, Locale locale) {
        return new Open311Views.Service(category.code(), name(category, locale), null, !Open311Attributes.of(category).isEmpty(),
                "realtime", null, category.group());
    }

    private static String name(Catalog.Listed category, Locale locale) {
        return Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? category.nameEn() : category.nameZh();
    }

    private static String notice(Catalog.Listed category, Locale locale) {
        return Messages.text(locale, "open311.notice",
                Messages.text(locale, "open311.unit." + category.resolutionLimitUnit(), category.resolutionLimit()));
    }

    /** Open311 has no title: the description's first line (cut to the ticket's 100), or the service's name. */
    private static String title(String description, Catalog.Listed category, Locale locale) {
        String first = description == null ? "" : description.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                .orElse("");
        if (first.isEmpty()) {
            return name(category, locale);
        }
        return first.codePointCount(0, first.length()) <= 100 ? first
                : first.substring(0, first.offsetByCodePoints(0, 99)) + "…";
    }

    /** The submitted fields (all but the key), in name order: the same POST again has the same fingerprint. */
    private static String fingerprint(Open311Params params) {
        TreeMap<String, List<String>> fields = new TreeMap<>(params.all());
        fields.remove("api_key");
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            fields.forEach((name, values) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                values.forEach(v -> {
                    sha.update((byte) 0);
                    sha.update(v.getBytes(StandardCharsets.UTF_8));
                });
                sha.update((byte) 1);
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private String write(Map<String, Object> answers) {
        try {
            return json.writeValueAsString(answers);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
