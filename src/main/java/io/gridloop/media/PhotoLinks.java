package io.gridloop.media;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import io.gridloop.shared.web.WebConfig;

/**
 * Links to a ticket's photo for clients that hold no token, such as an Open311 client reading
 * {@code media_url}: {@code /api/v1/media-links/<media id>-<expiry>-<signature>}, the signature an
 * HMAC-SHA256 of the id and the expiry (epoch seconds) under the service's key ({@link LinkKey}). Whoever
 * holds a link sees that one photo until it expires, and nothing else: a link cannot be made from an id, nor
 * changed into another one's. Expiries fall on the boundaries of {@code gridloop.media.link-lifetime}
 * windows, so every read within a window gets the same link (a client's cache keeps the photo), and a
 * link lasts between one and two windows.
 */
@ApplicationScoped
public class PhotoLinks {

    static final String PATH = "/api/v1/media-links";
    /** The link's shape (also its path parameter's pattern in the OpenAPI document). */
    static final String SHAPE = "^[0-9]{1,18}-[0-9]{1,12}-[A-Za-z0-9_-]{43}$";
    private static final Pattern LINK = Pattern.compile("^([0-9]{1,18})-([0-9]{1,12})-([A-Za-z0-9_-]{43})$");

    private final EntityManager entityManager;
    private final LinkKey key;
    private final Clock clock;
    private final long window;
    private final String base;

    PhotoLinks(EntityManager entityManager, LinkKey key, Clock clock, MediaConfig config, WebConfig web) {
        this.entityManager = entityManager;
        this.key = key;
        this.clock = clock;
        this.window = config.linkLifetime().toSeconds();
        String url = web.publicBaseUrl().toString();
        this.base = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + PATH + "/";
    }

    /**
     * For each of the tickets that has a photo attached, an absolute link to its first (the earliest uploaded
     * image: a filing's photo before a resolution's).
     */
    public Map<Long, String> firstPhotos(Collection<Long> ticketIds) {
        Map<Long, String> links = new HashMap<>();
        if (ticketIds.isEmpty()) {
            return links;
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("""
                SELECT DISTINCT ON (ticket_id) ticket_id, id FROM media
                WHERE ticket_id IN (:tickets) AND content_type LIKE 'image/%'
                ORDER BY ticket_id, id""", Tuple.class).setParameter("tickets", ticketIds).getResultList();
        long expires = (clock.instant().getEpochSecond() / window + 2) * window;
        for (Tuple row : rows) {
            long id = row.get("id", Long.class);
            links.put(row.get("ticket_id", Long.class), base + id + "-" + expires + "-" + signature(id, expires));
        }
        return links;
    }

    /** The media id the link names, when this service signed it and it has not expired; empty for anything else. */
    OptionalLong photo(String link) {
        Matcher parts = LINK.matcher(link);
        if (!parts.matches()) {
            return OptionalLong.empty();
        }
        long id = Long.parseLong(parts.group(1));
        long expires = Long.parseLong(parts.group(2));
        boolean signed = MessageDigest.isEqual(signature(id, expires).getBytes(StandardCharsets.US_ASCII),
                parts.group(3).getBytes(StandardCharsets.US_ASCII));
        return signed && clock.instant().getEpochSecond() < expires ? OptionalLong.of(id) : OptionalLong.empty();
    }

    /** Seconds until the link's expiry (it was checked by {@link #photo}). */
    long secondsLeft(String link) {
        Matcher parts = LINK.matcher(link);
        if (!parts.matches()) {
            throw new IllegalArgumentException("not a link: " + link);
        }
        return Math.max(0, Long.parseLong(parts.group(2)) - clock.instant().getEpochSecond());
    }

    private String signature(long id, long expires) {
        try {
            Mac mac = Mac.getInstance(LinkKey.ALGORITHM);
            mac.init(key.get());
            byte[] digest = mac.doFinal(("gridloop media link\n" + id + "\n" + expires).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
