package io.gridloop.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An upload as it will be stored: its content (metadata removed) and, for an image, its thumbnail, both
 * in temporary files this record owns until {@link #discard()}.
 */
record Inspected(String contentType, Path content, long size, String sha256, Integer width, Integer height,
        Path thumbnail, Long thumbnailSize) {

    void discard() {
        deleteQuietly(content);
        deleteQuietly(thumbnail);
    }

    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file the operating system's cleaning removes in time
        }
    }
}
