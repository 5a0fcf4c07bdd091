package io.gridloop.bench;

/** Shortening what goes into one line of output. */
final class Text {

    private Text() {
    }

    static String abbreviate(String s, int max) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
