/**
 * Photos and documents: uploads checked by their bytes, stripped of location and other identifying
 * metadata, stored once per content on the local file system or S3-compatible object storage, attached
 * to tickets and streamed to whoever may see the ticket, or kept as an account's portrait (a party member's card
 * photo) and streamed to whoever may see it.
 */
@OwnsTables({ "media", "media_link_key" })
package io.gridloop.media;

import io.gridloop.shared.OwnsTables;
