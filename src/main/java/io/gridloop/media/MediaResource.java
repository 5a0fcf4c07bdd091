package io.gridloop.media;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.gridloop.shared.idempotency.Idempotent;
import io.gridloop.shared.security.Allowed;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.web.Responses;
import io.quarkus.security.Authenticated;

@Path("/api/v1/media")
@Tag(name = "Media", description = "Photos and documents for tickets: upload, then name them in attachmentIds (or make a"
        + " photo one's member card photo: PUT /api/v1/members/{accountId}/photo)")
@Authenticated
public class MediaResource {

    /** A year: the bytes behind an id never change (its ETag is their SHA-256); private, since each is one caller's to see. */
    private static final String CACHE = "private, max-age=31536000, immutable";
    /** Nothing in a served file runs, even opened directly in a browser. */
    static final String SANDBOX = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
    private static final String BINARY_TYPES = "image/jpeg, image/png or application/pdf: exactly what the stored bytes are";

    private final MediaService media;

    MediaResource(MediaService media) {
        this.media = media;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    // whoever files or handles tickets (residents, members, leaders, unit handlers, staff); integrations file without media
    @Allowed({ Role.RESIDENT, Role.PARTY_MEMBER, Role.GRID_MEMBER, Role.GRID_LEADER, Role.COMMUNITY_ADMIN,
            Role.UNIT_HANDLER, Role.DISTRICT_ADMIN })
    @Idempotent
    @Operation(summary = "Upload a photo or a document", description = "The part `file` (at most 10 MB by default) is"
            + " judged by its bytes only, never by its name or declared type: JPEG, PNG, WebP or PDF. An image is stored"
            + " re-encoded, upright, without EXIF (GPS, camera serial, owner, maker notes), XMP or comments; a WebP photo"
            + " becomes JPEG. Identical stored bytes are kept once. Attach it with `attachmentIds` when filing a ticket,"
            + " adding a note or resolving, or make a photo one's member card photo; other uploads are removed after a day.")
    @APIResponse(responseCode = "201", description = "Stored", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MediaView.class)), headers = @Header(name = HttpHeaders.LOCATION,
                    description = "the URL of the upload, under the public base URL", schema = @Schema(type = SchemaType.STRING, format = "uri")))
    @APIResponse(responseCode = "413", description = "The file, or the body, is larger than gridloop.media.max-size")
    @APIResponse(responseCode = "415", description = "The bytes are none of JPEG, PNG, WebP, PDF (HEIC/HEIF included:"
            + " no reader here), or the body is not multipart/form-data")
    @APIResponse(responseCode = "422", description = "The bytes start as an image but do not decode as one; a polyglot"
            + " (something after the image's or PDF's end, a PDF header in an image); an image declaring more pixels than"
            + " the limits (a decompression bomb); or the Idempotency-Key was used with another body")
    public RestResponse<MediaView> upload(@HeaderParam(Idempotent.HEADER) String idempotencyKey,
            @RestForm("file") @Schema(type = SchemaType.STRING, format = "binary", description = "the file") FileUpload file) {
        MediaView view = media.upload(file);
        return Responses.created("/api/v1/media/" + view.id(), view);
    }

    @GET
    @Path("/{id}")
    @Produces({ "image/jpeg", "image/png", "application/pdf", "application/problem+json" })
    @Allowed
    @Operation(summary = "The stored file", description = "To its uploader while it is not attached; to whoever may see"
            + " the ticket it is attached to once it is; to its uploader and whoever may see the member card while it is"
            + " that card's photo; 404 for everyone else. Images inline, PDFs as a download.")
    @APIResponse(responseCode = "200", description = BINARY_TYPES, content = {
            @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")) },
            headers = { @Header(name = HttpHeaders.ETAG, description = "the SHA-256 of the bytes, quoted", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = HttpHeaders.CACHE_CONTROL, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Content-Disposition", description = "inline for images, attachment for PDF;"
                            + " the filename is media-{id}.{jpg|png|pdf}", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Content-Security-Policy", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "X-Content-Type-Options", schema = @Schema(type = SchemaType.STRING, enumeration = "nosniff")) })
    @APIResponse(responseCode = "304", description = "If-None-Match names the current ETag")
    public Response get(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return send(media.download(id, false), ifNoneMatch, CACHE);
    }

    @GET
    @Path("/{id}/thumbnail")
    @Produces({ "image/jpeg", "application/problem+json" })
    @Allowed
    @Operation(summary = "A JPEG of the image, at most 320 pixels a side, for lists", description = "Seen by whoever may"
            + " see the upload; 404 for a PDF, which has none.")
    @APIResponse(responseCode = "200", description = "image/jpeg", content = @Content(mediaType = "image/jpeg",
            schema = @Schema(type = SchemaType.STRING, format = "binary")),
            headers = { @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = HttpHeaders.CACHE_CONTROL, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Content-Disposition", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Content-Security-Policy", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "X-Content-Type-Options", schema = @Schema(type = SchemaType.STRING, enumeration = "nosniff")) })
    @APIResponse(responseCode = "304", description = "If-None-Match names the current ETag")
    public Response thumbnail(@PathParam("id") long id,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return send(media.download(id, true), ifNoneMatch, CACHE);
    }

    /** The stored bytes with what they are, or 304 when If-None-Match names them; cached as {@code cacheControl} says. */
    static Response send(MediaService.Download download, String ifNoneMatch, String cacheControl) {
        if (download.etag().equals(ifNoneMatch)) {
            download.discard();
            return Response.notModified().header(HttpHeaders.ETAG, download.etag())
                    .header(HttpHeaders.CACHE_CONTROL, cacheControl).build();
        }
        // written by DownloadWriter: a chunk at a time, holding no thread while the client reads
        return Response.ok(download, download.contentType())
                .header(HttpHeaders.ETAG, download.etag())
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .header("Content-Disposition", (download.inline() ? "inline" : "attachment") + "; filename=\"" + download.filename() + "\"")
                .header("Content-Security-Policy", SANDBOX)
                .build();
    }
}
