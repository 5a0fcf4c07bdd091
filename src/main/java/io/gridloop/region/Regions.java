package io.gridloop.region;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import io.gridloop.shared.security.RegionPaths;
import io.gridloop.shared.sql.Jdbc;
import io.gridloop.shared.sql.Where;

/**
 * What other features may know of the district tree and its units: the region feature owns the
 * {@code region} and {@code unit} tables, and this is the only way in for everyone else (tested by
 * {@code TableOwnershipTest}). Answers are records and ids, never entities.
 */
@Singleton
public class Regions {

    /** A region's id, name and level, for showing where a role is held. */
    public record RegionName(long id, String name, RegionType type) {
    }

    /** A grid's id and its path in the region tree ({@code /1/51/101/}). */
    public record Grid(long id, String path) {
    }

    private final EntityManager entityManager;
    private final Jdbc jdbc;

    Regions(EntityManager entityManager, Jdbc jdbc) {
        this.entityManager = entityManager;
        this.jdbc = jdbc;
    }

    /** The path of a grid of the district ({@code /1/51/101/}), or empty when it is not one of its grids. */
    public Optional<String> gridPath(long districtId, long gridId) {
        return first(Where.of("id = :id", "id", gridId).and("district_id = :district", "district", districtId)
                .and("type = 'GRID'"));
    }

    /** The path of a community of the district, or empty when it is not one of its communities. */
    public Optional<String> communityPath(long districtId, long communityId) {
        return first(Where.of("id = :id", "id", communityId).and("district_id = :district", "district", districtId)
                .and("type = 'COMMUNITY'"));
    }

    /** The path of a region of the district, or empty when it is not one of its regions. */
    public Optional<String> path(long districtId, long regionId) {
        return first(Where.of("id = :id", "id", regionId).and("district_id = :district", "district", districtId));
    }

    /** The level of a region of the district, or empty when it is not one of its regions. */
    public Optional<RegionType> type(long districtId, long regionId) {
        return entityManager.createNativeQuery("SELECT type FROM region WHERE id = ?1 AND district_id = ?2", String.class)
                .setParameter(1, regionId).setParameter(2, districtId).getResultList().stream()
                .findFirst().map(type -> RegionType.valueOf((String) type));
    }

    /** The regions with these ids, root first. */
    public List<RegionName> named(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("SELECT id, name, type FROM region WHERE id IN (:ids) ORDER BY path",
                Tuple.class).setParameter("ids", ids).getResultList();
        return names(rows);
    }

    /** The regions directly under a region of the district, in path order. */
    public List<RegionName> children(long districtId, long regionId) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("SELECT id, name, type FROM region WHERE parent_id = ?1 AND district_id = ?2"
                + " ORDER BY path", Tuple.class).setParameter(1, regionId).setParameter(2, districtId).getResultList();
        return names(rows);
    }

    private static List<RegionName> names(List<Tuple> rows) {
        return rows.stream().map(r -> new RegionName(r.get("id", Long.class), r.get("name", String.class),
                RegionType.valueOf(r.get("type", String.class)))).toList();
    }

    /** The grid's contact unit (联系单位), if it has one. */
    public Optional<Long> contactUnit(long gridId) {
        return entityManager.createNativeQuery("SELECT contact_unit_id FROM region WHERE id = ?1", Long.class)
                .setParameter(1, gridId).getResultList().stream().filter(java.util.Objects::nonNull).findFirst()
                .map(id -> ((Number) id).longValue());
    }

    public boolean unitExists(long districtId, long unitId) {
        return !entityManager.createNativeQuery("SELECT 1 FROM unit WHERE id = ?1 AND district_id = ?2")
                .setParameter(1, unitId).setParameter(2, districtId).getResultList().isEmpty();
    }

    /** A unit's name, if it is one of the district's. */
    public Optional<String> unitName(long districtId, long unitId) {
        return entityManager.createNativeQuery("SELECT name FROM unit WHERE id = ?1 AND district_id = ?2", String.class)
                .setParameter(1, unitId).setParameter(2, districtId).getResultList().stream().findFirst().map(String.class::cast);
    }

    /** Whether the unit is the contact unit (联系单位) of a grid under the region with this path: it serves that region. */
    public boolean unitServes(long unitId, String regionPath) {
        Where within = RegionPaths.within("path", "region", regionPath);
        return !within.bind(entityManager.createNativeQuery("SELECT 1 FROM region WHERE contact_unit_id = :unit AND type = 'GRID'"
                + " AND " + within.sql() + " LIMIT 1")).setParameter("unit", unitId).getResultList().isEmpty();
    }

    /**
     * The grid of the district whose boundary contains (lat, lng), by PostgreSQL's geometry on the
     * indexed boundary polygons; the smallest when boundaries overlap.
     */
    public Optional<Long> gridContaining(long districtId, double lat, double lng) {
        return locate(districtId, lat, lng).map(Grid::id);
    }

    /**
     * {@link #gridContaining}, with the grid's path read by the same statement: every filing with a location asks,
     * so it is read by JDBC on the transaction's connection, past the ORM's query machinery.
     */
    public Optional<Grid> locate(long districtId, double lat, double lng) {
        return jdbc.rows("""
                SELECT id, path FROM region
                WHERE district_id = ? AND type = 'GRID'
                  AND boundary_area && polygon(box(point(?, ?), point(?, ?)))
                  AND boundary_area @> point(?, ?)
                ORDER BY area(path(boundary_area)), id
                LIMIT 1""", row -> new Grid(row.getLong(1), row.getString(2)), districtId, lng, lat, lng, lat, lng, lat)
                .stream().findFirst();
    }

    /** Every district, by id. */
    public List<RegionName> districts() {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery("SELECT id, name FROM region WHERE type = 'DISTRICT' ORDER BY id",
                Tuple.class).getResultList();
        return rows.stream().map(r -> new RegionName(r.get("id", Long.class), r.get("name", String.class), RegionType.DISTRICT))
                .toList();
    }

    /**
     * SQL: the paths of the grids whose contact unit is the given one (a column or a named parameter),
     * for features that scope by a unit's grids.
     */
    public static String contactGridPathsSql(String unitIdSource) {
        return "SELECT g.path FROM region g WHERE g.contact_unit_id = " + Where.columnOrParameter(unitIdSource);
    }

    /** SQL: the path of the region with the given id (a column or a named parameter). */
    public static String pathSql(String regionIdSource) {
        return "(SELECT p.path FROM region p WHERE p.id = " + Where.columnOrParameter(regionIdSource) + ")";
    }

    /** By JDBC: a filing without a location asks for its grid's path. */
    private Optional<String> first(Where where) {
        Where.Jdbc statement = where.jdbc("SELECT path FROM region WHERE " + where.sql() + " LIMIT 1");
        return jdbc.rows(statement.sql(), row -> row.getString(1), statement.parameters()).stream().findFirst();
    }
}
