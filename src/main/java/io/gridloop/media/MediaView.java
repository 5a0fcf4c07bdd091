package io.gridloop.media;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An upload as stored: what its bytes are (after metadata was removed), and its size in pixels for an image. */
public record MediaView(
        Long id,
        @Schema(enumeration = { "image/jpeg", "image/png", "application/pdf" }, description = "what the stored bytes are: "
                + "a WebP photo is stored as JPEG, one with transparency as PNG") String contentType,
        long size,
        @Schema(pattern = "^[0-9a-f]{64}$", description = "SHA-256 of the stored bytes, also the ETag of GET /api/v1/media/{id}") String sha256,
        @Schema(nullable = true, description = "pixels, upright; null for a PDF") Integer width,
        @Schema(nullable = true, description = "pixels, upright; null for a PDF") Integer height,
        @Schema(description = "whether GET /api/v1/media/{id}/thumbnail has a JPEG of at most 320 pixels a side") boolean thumbnail,
        OffsetDateTime createdAt) {
}
