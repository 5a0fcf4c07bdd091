package io.gridloop.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.gridloop.shared.security.Caller;

/**
 * Uploads and downloads. An upload is read from the temporary file the REST layer streamed it to,
 * checked and cleaned ({@link MediaInspector}) outside any transaction, staged in the store, then
 * recorded and made final in one short transaction ({@link MediaRecords#save}).
 */
@ApplicationScoped
class MediaService {

    private final Caller caller;
    private final MediaInspector inspector;
    private final MediaRecords records;
    private final MediaStore store;
    private final TicketSight tickets;
    private final PortraitSight portraits;
    private final long maxSize;

    MediaService(Caller caller, MediaInspector inspector, MediaRecords records, MediaStore store, TicketSight tickets,
            PortraitSight portraits, MediaConfig config) {
        this.caller = caller;
        this.inspector = inspector;
        this.records = records;
        this.store = store;
        this.tickets = tickets;
        this.portraits = portraits;
        this.maxSize = config.maxSize().asLongValue();
    }

    MediaView upload(FileUpload file) {
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.invalidField("file", "media.file-required");
        }
        if (file.size() > maxSize) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "media.too-large", maxSize / (1024 * 1024));
        }
        if (file.size() == 0) {
            throw ProblemException.invalidField("file", "media.file-empty");
        }
        Inspected upload;
        try {
            upload = inspector.inspect(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String stagedContent = "staging/" + UUID.randomUUID();
        String stagedThumbnail = upload.thumbnail() == null ? null : "staging/" + UUID.randomUUID();
        try {
            store.put(stagedContent, upload.content(), upload.contentType());
            if (stagedThumbnail != null) {
                store.put(stagedThumbnail, upload.thumbnail(), MediaInspector.JPEG);
            }
        } catch (IOException e) {
            records.discardStaged(stagedContent, stagedThumbnail);
            throw new UncheckedIOException(e);
        } finally {
            upload.discard();
        }
        return records.save(caller.districtId(), caller.accountId(), upload, stagedContent, stagedThumbnail);
    }

    /** What GET streams: the stored bytes and what they are. */
    record Download(String contentType, String etag, String filename, boolean inline, long size, InputStream content) {

        /** Lets go of the content, read to its end or no longer wanted: nothing is lost either way. */
        void discard() {
            try {
                content.close();
            } catch (IOException ignored) {
                // nothing more will be read from it
            }
        }
    }

    /**
     * The upload's content (or thumbnail) for whoever may see it: its uploader while it is not attached,
     * whoever may see its ticket once it is, its uploader and whoever may see the account's portrait while it is
     * one; for everyone else it does not exist (404).
     */
    Download download(long id, boolean thumbnail) {
        MediaRecords.Row row = records.find(caller.districtId(), id).filter(this::visible).orElseThrow(ProblemException::notFound);
        return downloadOf(row, thumbnail);
    }

    private boolean visible(MediaRecords.Row row) {
        if (row.ticketId() != null) {
            return tickets.visible(row.ticketId());
        }
        return row.uploaderId() == caller.accountId() || row.portraitOf() != null && portraits.visible(row.portraitOf());
    }

    /** The photo a link names ({@link PhotoLinks}), while it is attached to a ticket; 404 otherwise. */
    Download linked(long id) {
        return downloadOf(records.attachedImage(id).orElseThrow(ProblemException::notFound), false);
    }

    private Download downloadOf(MediaRecords.Row row, boolean thumbnail) {
        if (thumbnail && row.thumbnailSize() == null) {
            throw ProblemException.notFound();
        }
        String key = thumbnail ? MediaRecords.thumbnailKey(row.sha256()) : MediaRecords.objectKey(row.sha256());
        InputStream content;
        try {
            content = store.open(key).orElseThrow(ProblemException::notFound);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String type = thumbnail ? MediaInspector.JPEG : row.contentType();
        String extension = switch (type) {
            case MediaInspector.PNG -> "png";
            case MediaInspector.PDF -> "pdf";
            default -> "jpg";
        };
        return new Download(type,
                "\"" + row.sha256() + (thumbnail ? "-thumbnail" : "") + "\"",
                "media-" + row.id() + (thumbnail ? "-thumbnail." : ".") + extension, !type.equals(MediaInspector.PDF),
                thumbnail ? row.thumbnailSize() : row.size(), content);
    }
}
