package io.gridloop.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where media content lives: keys are {@code objects/<sha256>}, {@code thumbnails/<sha256>} and
 * {@code staging/<uuid>}. Content is written under a staging key first and then moved to its final key
 * in the upload's transaction (so a half-written object never has a final key); what a rolled-back
 * transaction left is removed by {@link MediaRetention} once no upload uses it.
 */
interface MediaStore {

    /** Writes the file under the key, streaming it (never whole in memory). */
    void put(String key, Path file, String contentType) throws IOException;

    /** Moves the staged content to its final key, replacing whatever is there (the same bytes: keys are hashes) and refreshing its time. */
    void promote(String stagingKey, String key) throws IOException;

    /** The content under the key, to be streamed and closed by the caller; empty when there is none. */
    Optional<InputStream> open(String key) throws IOException;

    void delete(String key) throws IOException;

    /** Up to {@code limit} keys under the prefix after {@code after} (null: from the start), in key order. */
    List<Stored> list(String prefix, String after, int limit) throws IOException;

    /** When the content under the key was last written, if there is any. */
    Optional<Instant> writtenAt(String key) throws IOException;

    record Stored(String key, Instant writtenAt) {
    }
}
