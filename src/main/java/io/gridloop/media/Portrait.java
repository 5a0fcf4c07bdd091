package io.gridloop.media;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An account's portrait: the upload kept as it, and where to fetch it and its thumbnail. */
public record Portrait(long mediaId,
        @Schema(format = "uri", description = "GET /api/v1/media/{mediaId}: the photo, to whoever may see the card") String url,
        @Schema(format = "uri", description = "GET /api/v1/media/{mediaId}/thumbnail: at most 320 pixels a side") String thumbnailUrl) {
}
