-- A party member's card photo (issue 14 point 1): an upload kept as an account's portrait instead of being attached
-- to a ticket (io.gridloop.media.Portraits). At most one per account; never both a ticket's and a portrait; not
-- removed as unattached while it is one (media.MediaRetention). The member feature sets and releases it through
-- media's API; the card's photo version (If-Match) is the member's.
ALTER TABLE media ADD COLUMN portrait_of bigint;
ALTER TABLE media ADD CONSTRAINT media_portrait_or_ticket CHECK (portrait_of IS NULL OR ticket_id IS NULL);
CREATE UNIQUE INDEX media_portrait_idx ON media (portrait_of) WHERE portrait_of IS NOT NULL;
-- the removal of unattached uploads, oldest first: portraits are not unattached
DROP INDEX media_unattached_idx;
CREATE INDEX media_unattached_idx ON media (created_at) WHERE ticket_id IS NULL AND portrait_of IS NULL;

ALTER TABLE member_registration ADD COLUMN photo_version bigint NOT NULL DEFAULT 1;
