package io.gridloop.media;

import java.util.OptionalLong;

import jakarta.inject.Singleton;

import io.gridloop.shared.web.LargeBodies;

/** Uploads may be as large as {@code gridloop.media.max-size}, and their multipart framing a little more. */
@Singleton
class MediaBodies implements LargeBodies {

    static final String PATH = "/api/v1/media";
    /** Room for the part's headers and the boundaries around the file. */
    private static final long FRAMING = 64 * 1024;

    private final long limit;

    MediaBodies(MediaConfig config) {
        this.limit = config.maxSize().asLongValue() + FRAMING;
    }

    @Override
    public OptionalLong limit(String path) {
        return PATH.equals(path) ? OptionalLong.of(limit) : OptionalLong.empty();
    }

    /** The file part goes to a temporary file as it arrives, never into memory. */
    @Override
    public boolean streamed(String path) {
        return PATH.equals(path);
    }
}
