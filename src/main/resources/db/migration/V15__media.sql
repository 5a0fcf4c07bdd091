-- Photos and documents (io.gridloop.media). A row is one upload; its content is stored once per SHA-256
-- (of the bytes as stored, after the metadata was removed) in the configured store, under that key, so
-- several rows may share it. An upload belongs to its uploader until it is attached to a ticket, with the
-- timeline event that attached it; unattached uploads are removed after a day (media.MediaRetention).
CREATE TABLE media (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    district_id     bigint      NOT NULL,
    uploader_id     bigint      NOT NULL,
    content_type    text        NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
    size            bigint      NOT NULL CHECK (size > 0),
    sha256          text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    width           integer     CHECK (width > 0),
    height          integer     CHECK (height > 0),
    thumbnail_size  bigint      CHECK (thumbnail_size > 0),
    created_at      timestamptz NOT NULL,
    ticket_id       bigint,
    ticket_event_id bigint,
    attached_at     timestamptz,
    CHECK ((ticket_id IS NULL) = (ticket_event_id IS NULL) AND (ticket_id IS NULL) = (attached_at IS NULL))
);
-- a ticket's attachments, and an event's (the timeline)
CREATE INDEX media_ticket_idx ON media (ticket_id, ticket_event_id) WHERE ticket_id IS NOT NULL;
-- the removal of unattached uploads, oldest first
CREATE INDEX media_unattached_idx ON media (created_at) WHERE ticket_id IS NULL;
-- whether any upload still uses stored content (the store's orphan reaper)
CREATE INDEX media_sha256_idx ON media (sha256);
