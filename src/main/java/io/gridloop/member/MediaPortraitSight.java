package io.gridloop.member;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridloop.media.PortraitSight;

/** Media asks who sees an account's portrait: whoever sees the member's card ({@link Members#seen}). */
@ApplicationScoped
class MediaPortraitSight implements PortraitSight {

    private final Members members;

    MediaPortraitSight(Members members) {
        this.members = members;
    }

    @Override
    public boolean visible(long accountId) {
        return members.seen(accountId).isPresent();
    }
}
