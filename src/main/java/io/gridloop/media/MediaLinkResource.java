package io.gridloop.media;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridloop.shared.problem.ProblemException;

/**
 * A ticket's photo by a signed link ({@link PhotoLinks}), for clients without a token: the link is the
 * credential, so this path needs none.
 */
@Path(PhotoLinks.PATH)
@PermitAll
@Tag(name = "Media")
public class MediaLinkResource {

    private final PhotoLinks links;
    private final MediaService media;

    MediaLinkResource(PhotoLinks links, MediaService media) {
        this.links = links;
        this.media = media;
    }

    @GET
    @Path("/{link}")
    @Produces({ "image/jpeg", "image/png", "application/problem+json" })
    @Operation(summary = "A ticket's photo, by a signed link (Open311's media_url)", description = "No credentials: the link"
            + " is one. Links are made by the service only (Open311's `media_url` gives a ticket's first photo as one); each"
            + " names one photo attached to a ticket and expires after one to two `gridloop.media.link-lifetime` windows (7"
            + " days). A link that was not signed by the service, was changed, has expired, or names a photo no longer"
            + " there is 404, the same for each.")
    @Parameter(name = "link", description = "`<media id>-<expiry, epoch seconds>-<signature>`, as the service gave it",
            schema = @Schema(type = SchemaType.STRING, pattern = PhotoLinks.SHAPE))
    @APIResponse(responseCode = "200", description = "image/jpeg or image/png: exactly what the stored bytes are", content = {
            @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")) },
            headers = { @Header(name = HttpHeaders.ETAG, description = "the SHA-256 of the bytes, quoted", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = HttpHeaders.CACHE_CONTROL, description = "private, for as long as the link lasts",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Content-Disposition", description = "inline; the filename is media-{id}.{jpg|png}",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Content-Security-Policy", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "X-Content-Type-Options", schema = @Schema(type = SchemaType.STRING, enumeration = "nosniff")) })
    @APIResponse(responseCode = "304", description = "If-None-Match names the current ETag")
    public Response get(@PathParam("link") String link, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        long id = links.photo(link).orElseThrow(ProblemException::notFound);
        return MediaResource.send(media.linked(id), ifNoneMatch, "private, max-age=" + links.secondsLeft(link));
    }
}
