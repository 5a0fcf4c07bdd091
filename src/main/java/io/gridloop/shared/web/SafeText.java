package io.gridloop.shared.web;

/**
 * Which text gridloop accepts (SPEC §2: no control characters, NUL included): PostgreSQL cannot store
 * NUL, a lone surrogate is not text, and control characters in names and codes only hide things. Body
 * strings may hold line breaks and tabs (descriptions and notes have lines); path and query values may
 * hold no control character at all.
 */
public final class SafeText {

    private SafeText() {
    }

    /** A string of a request body: no control character but tab, line feed and carriage return; no lone surrogate. */
    public static boolean isSafeText(String text) {
        return isSafe(text, true);
    }

    /** A path segment or query value, decoded: no control character at all; no lone surrogate. */
    public static boolean isSafeValue(String text) {
        return isSafe(text, false);
    }

    private static boolean isSafe(String text, boolean lineBreaks) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                if (!(lineBreaks && (c == '\t' || c == '\n' || c == '\r'))) {
                    return false;
                }
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
