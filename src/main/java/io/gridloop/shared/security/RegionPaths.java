package io.gridloop.shared.security;

import java.util.Arrays;
import java.util.List;

import io.gridloop.shared.sql.Where;

/**
 * The one rule of scope (SPEC §1.1): a region covers itself and everything below it. A region's path
 * lists the ids from the district down to it ({@code /1/51/101/}), so "region R covers grid G" is "G's
 * path starts with R's path". This class renders that rule for each place it is asked: in Java, as an
 * index range over a path column, and as the list of ids a path covers (to find bindings by region id).
 */
public final class RegionPaths {

    private RegionPaths() {
    }

    /** The path of a district, the root of its regions: its id alone (V1's {@code region_path}). */
    public static String ofDistrict(long districtId) {
        return "/" + districtId + "/";
    }

    /** Whether the region with {@code regionPath} covers the region with {@code path}. */
    public static boolean covers(String regionPath, String path) {
        return regionPath != null && path != null && path.startsWith(regionPath);
    }

    /** The regions covering a path, root first: its own id and every ancestor's. */
    public static List<Long> coveringIds(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).map(Long::valueOf).toList();
    }

    /** The least string above every string that starts with the path: its last '/' raised to '0'. */
    public static String upperBound(String path) {
        return path.substring(0, path.length() - 1) + (char) (path.charAt(path.length() - 1) + 1);
    }

    /**
     * SQL: the path column lies under {@code regionPath}, as a range the column's index can scan.
     * Binds {@code :<name>Lo} and {@code :<name>Hi}.
     */
    public static Where within(String pathColumn, String name, String regionPath) {
        Where.columnOrParameter(pathColumn);
        return Where.of("%s >= :%sLo AND %s < :%sHi".formatted(pathColumn, name, pathColumn, name),
                name + "Lo", regionPath, name + "Hi", upperBound(regionPath));
    }

    /** SQL: {@link #coveringIds} of a path column or parameter, as a bigint[] to compare region ids with. */
    public static String coveringIdsSql(String pathSource) {
        return "CAST(string_to_array(trim(BOTH '/' FROM %s), '/') AS bigint[])".formatted(Where.columnOrParameter(pathSource));
    }
}
