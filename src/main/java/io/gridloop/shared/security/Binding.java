package io.gridloop.shared.security;

/** One role the caller holds, with where it holds it: a region (by id and tree path) or a unit. */
public record Binding(Role role, Long regionId, String regionPath, Long unitId) {

    /** Whether this binding reaches the region with the given path: the region itself or anything below it. */
    public boolean covers(String path) {
        return regionPath != null && path != null && path.startsWith(regionPath);
    }
}
