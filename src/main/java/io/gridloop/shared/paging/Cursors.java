package io.gridloop.shared.paging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.gridloop.shared.problem.ProblemException;

/** Opaque cursors: the last key seen, so clients cannot build them or rely on their form. */
public final class Cursors {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private Cursors() {
    }

    public static String encode(long lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("k" + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    /** For a newest-first list: the key below which the next page starts; no cursor starts at the newest. */
    public static long before(String cursor) {
        return cursor == null || cursor.isEmpty() ? Long.MAX_VALUE : after(cursor);
    }

    /** The key after which the next page starts; no cursor starts at the beginning. */
    public static long after(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return Long.MIN_VALUE;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.length() < 2 || decoded.length() > 21 || decoded.charAt(0) != 'k') {
                throw ProblemException.invalidField("cursor", "field.cursor-invalid");
            }
            return Long.parseLong(decoded.substring(1));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cursor", "field.cursor-invalid");
        }
    }
}
