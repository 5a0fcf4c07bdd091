package io.gridloop.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** HTTP answers read off a raw socket byte by byte, so that nothing past what is asked for is taken. */
public final class RawAnswers {

    private RawAnswers() {
    }

    /** An answer's head, up to its blank line: nothing of its body is read (a client that stops reading there). */
    public static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("the connection ended in the head: " + head);
            }
            head.append((char) next);
        }
        return head.toString();
    }

    /** One answer with a Content-Length (or none, as a 100 Continue): its head and its body. */
    public static String answer(InputStream in) throws IOException {
        String head = head(in);
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
