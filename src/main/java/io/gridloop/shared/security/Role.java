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
    INTEGRATION;

    /** Names for {@code @RolesAllowed}, which needs constants. */
    public static final String DISTRICT_ADMIN_NAME = "DISTRICT_ADMIN";
    public static final String COMMUNITY_ADMIN_NAME = "COMMUNITY_ADMIN";
    public static final String GRID_LEADER_NAME = "GRID_LEADER";
    public static final String INTEGRATION_NAME = "INTEGRATION";
}
