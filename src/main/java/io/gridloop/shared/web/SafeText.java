package io.gridloop.shared.web;

/**
 * Which text gridloop accepts (SPEC §2: no control characters, NUL included): PostgreSQL cannot store
 * NUL, a lone surrogate is not text, and control characters in names and codes only hide things. Body
 * strings may hold line breaks and tabs (descriptions and notes have lines); path and query values may
 * hold no control character at all.
 */
public final class SafeText {

    /*
     * The same rules as patterns for @Pattern, which the OpenAPI document shows clients: in the syntax
     * Java and ECMA-262 (the dialect of OpenAPI and of JavaScript validators) read alike, so no \p{Cntrl}
     * and no class intersection. The control characters are Character.isISOControl's: U+0000–U+001F and
     * U+007F–U+009F. A lone surrogate is refused by isSafeText alone (ECMA-262 without the u flag cannot name it).
     */
    /** One line: no control character at all. */
    public static final String LINE = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$";
    /** Text with lines: no control character but tab, line feed and carriage return. */
    public static final String TEXT = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$";

    /**
     * Not blank as {@code @NotBlank} means it (String.isBlank, Character.isWhitespace): some character that
     * is not white space. Unlike ECMA-262's \\S, no-break spaces (U+00A0, U+2007, U+202F, U+FEFF) count as
     * text and U+001C–U+001F as space.
     */
    public static final String NOT_BLANK = "[^\\t-\\r\\u001C- \\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029\\u205F\\u3000]";

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
