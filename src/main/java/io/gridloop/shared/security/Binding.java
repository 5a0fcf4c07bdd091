package io.gridloop.shared.security;

import java.util.Collection;
import java.util.List;

/** One role the caller holds, with where it holds it: a region (by id and tree path) or a unit. */
public record Binding(Role role, Long regionId, String regionPath, Long unitId) {

    /** The region paths where these bindings hold any of the roles, each once. */
    public static List<String> paths(List<Binding> bindings, Collection<Role> roles) {
        return bindings.stream().filter(b -> roles.contains(b.role()) && b.regionPath() != null).map(Binding::regionPath)
                .distinct().toList();
    }

    /** Whether this binding reaches the region with the given path: the region itself or anything below it. */
    public boolean covers(String path) {
        return RegionPaths.covers(regionPath, path);
    }
}
