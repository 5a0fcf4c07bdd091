package io.gridloop.media;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gridloop.media")
interface MediaConfig {

    /** The largest file taken (413 past it); the request's body may be a little larger, for its multipart framing. */
    @WithDefault("10M")
    MemorySize maxSize();

    /** The most pixels an image may declare (422 past it): what decoding it would cost, before anything is decoded. */
    @WithDefault("40000000")
    long maxPixels();

    /** The longest side an image may declare, in pixels (422 past it). */
    @WithDefault("12000")
    int maxSide();

    /** How many images are decoded at once; the others wait. Decoding holds the pixels in memory, up to maxPixels × 4 bytes. */
    @WithDefault("2")
    int decodeConcurrency();

    /** The longest side of a thumbnail, in pixels. */
    @WithDefault("320")
    int thumbnailSide();

    /** An upload not attached to a ticket within this time is removed. */
    @WithDefault("P1D")
    Duration unattachedFor();

    /**
     * Stored content that no upload uses is removed once it is this old: an upload whose transaction rolled back,
     * content whose uploads were all removed, a staged file whose upload died. Longer than any upload takes.
     */
    @WithDefault("1h")
    Duration orphanAfter();

    /** How often unattached uploads and orphaned content are removed ({@code off} in tests, which run it themselves). */
    @WithDefault("15m")
    String purgeEvery();

    /**
     * How long a link to a ticket's photo (Open311's media_url) lasts: links are signed for fixed windows of this
     * length, so one link serves every read within a window (caches keep it) and lasts between one and two of them.
     */
    @WithDefault("P7D")
    Duration linkLifetime();

    Storage storage();

    interface Storage {

        /** {@code filesystem} (the default) or {@code s3}. */
        @WithDefault("filesystem")
        Kind kind();

        /** Where the file system store keeps content. */
        @WithDefault("${gridloop.data-dir}/media")
        String directory();

        S3 s3();
    }

    enum Kind {
        FILESYSTEM, S3
    }

    interface S3 {

        /** The bucket (required with kind s3). */
        Optional<String> bucket();

        /** An S3-compatible server (MinIO, Ceph, OSS, COS...); AWS's own endpoint for the region without one. */
        Optional<URI> endpoint();

        @WithDefault("us-east-1")
        String region();

        /** Keys from the environment only; without them the AWS SDK's default chain (environment, profile, instance role). */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** Path-style addressing ({@code endpoint/bucket/key}), as most S3-compatible servers need. */
        @WithDefault("false")
        boolean pathStyle();

        /** A prefix for every key, so one bucket can hold several deployments. */
        @WithDefault("gridloop/")
        String prefix();
    }
}
