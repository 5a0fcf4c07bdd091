package io.gridloop.region;

/** The levels of the district's tree: 区 → 街道 → 社区 → 网格. */
public enum RegionType {
    DISTRICT,
    STREET,
    COMMUNITY,
    GRID;

    /** The type a child of this region has; a grid has no children. */
    RegionType childType() {
        return switch (this) {
            case DISTRICT -> STREET;
            case STREET -> COMMUNITY;
            case COMMUNITY -> GRID;
            case GRID -> null;
        };
    }
}
