package io.gridloop.shared.security;

/** The roles of SPEC §1.2; a role is always held in a region (or, for unit handlers, a unit). */
public enum Role {
    RESIDENT,
    PARTY_MEMBER,
    GRID_MEMBER,
    GRID_LEADER,
    COMMUNITY_ADMIN,
    UNIT_HANDLER,
    DISTRICT_ADMIN,
    INTEGRATION
}
