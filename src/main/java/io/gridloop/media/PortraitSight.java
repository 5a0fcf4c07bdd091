package io.gridloop.media;

/**
 * Whether the caller may see an account's portrait, answered by the feature that shows it (the member's
 * card, whose visibility it follows), so that media serves a portrait without depending on that feature.
 */
public interface PortraitSight {

    boolean visible(long accountId);
}
