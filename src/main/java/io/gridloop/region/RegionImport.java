package io.gridloop.region;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.gridloop.shared.ImportCounts;
import io.gridloop.shared.sql.Jdbc;

/**
 * Writes the district tree from an import file, a whole level at a time: each region and unit is
 * found by its natural key (a region's name under its parent, a unit's name in the district), made
 * when missing and updated when the file says otherwise, so importing the same file again changes
 * nothing. Joins the importer's transaction.
 */
@ApplicationScoped
public class RegionImport {

    /** A street, community or grid to import under its parent; the boundary is a checked GeoJSON Polygon as JSON text. */
    public record RegionRow(long parentId, String name, SizeClass sizeClass, String boundary, Long contactUnitId) {
    }

    public record UnitRow(String name, String contactName, String phone) {
    }

    /** The ids of the imported rows, in the order given, and what the import did. */
    public record Imported(List<Long> ids, ImportCounts counts) {
    }

    private final Jdbc jdbc;

    RegionImport(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The district of that name, made if missing (the demo seeder, and the first start's bootstrap). */
    @Transactional(TxType.MANDATORY)
    public long district(String name) {
        List<Long> found = jdbc.rows("SELECT id FROM region WHERE parent_id IS NULL AND name = ?",
                row -> row.getLong(1), name);
        if (!found.isEmpty()) {
            return found.get(0);
        }
        return jdbc.rows("""
                INSERT INTO region (id, district_id, parent_id, type, name, path)
                SELECT n.id, n.id, NULL, 'DISTRICT', ?, '' FROM (SELECT nextval('region_seq') AS id) n RETURNING id""",
                row -> row.getLong(1), name).get(0);
    }

    /** The district's name, if it is one. */
    public Optional<String> districtName(long districtId) {
        return jdbc.rows("SELECT name FROM region WHERE id = ? AND type = 'DISTRICT'", row -> row.getString(1),
                districtId).stream().findFirst();
    }

    /** Units by name: made when missing, their contact updated when it differs. */
    @Transactional(TxType.MANDATORY)
    public Imported units(long districtId, List<UnitRow> rows) {
        String[] names = rows.stream().map(UnitRow::name).toArray(String[]::new);
        String[] contacts = rows.stream().map(UnitRow::contactName).toArray(String[]::new);
        String[] phones = rows.stream().map(UnitRow::phone).toArray(String[]::new);
        int created = jdbc.update("""
                INSERT INTO unit (id, district_id, name, contact_name, phone)
                SELECT nextval('unit_seq'), ?, v.name, v.contact_name, v.phone
                FROM unnest(?::text[], ?::text[], ?::text[]) AS v (name, contact_name, phone)
                WHERE NOT EXISTS (SELECT 1 FROM unit u WHERE u.district_id = ? AND u.name = v.name)""",
                districtId, names, contacts, phones, districtId);
        int updated = jdbc.update("""
                UPDATE unit u SET contact_name = v.contact_name, phone = v.phone, version = u.version + 1
                FROM unnest(?::text[], ?::text[], ?::text[]) AS v (name, contact_name, phone)
                WHERE u.district_id = ? AND u.name = v.name
                  AND (u.contact_name, u.phone) IS DISTINCT FROM (v.contact_name, v.phone)""",
                names, contacts, phones, districtId);
        List<Long> ids = jdbc.rows("""
                SELECT u.id FROM unnest(?::text[]) WITH ORDINALITY AS v (name, n)
                JOIN unit u ON u.district_id = ? AND u.name = v.name ORDER BY v.n""", row -> row.getLong(1), names, districtId);
        return new Imported(ids, ImportCounts.of(rows.size(), created, updated));
    }

    /**
     * Regions of one level, each under a parent of the level above (imported first: a region's path
     * is set from its parent's by a trigger). A grid's size class, boundary and contact unit are set to
     * the file's; a region the file does not list is left alone.
     */
    @Transactional(TxType.MANDATORY)
    public Imported regions(long districtId, RegionType type, List<RegionRow> rows) {
        Long[] parents = rows.stream().map(RegionRow::parentId).toArray(Long[]::new);
        String[] names = rows.stream().map(RegionRow::name).toArray(String[]::new);
        String[] sizes = rows.stream().map(r -> r.sizeClass() == null ? null : r.sizeClass().name()).toArray(String[]::new);
        String[] boundaries = rows.stream().map(RegionRow::boundary).toArray(String[]::new);
        Long[] units = rows.stream().map(RegionRow::contactUnitId).toArray(Long[]::new);
        int created = jdbc.update("""
                INSERT INTO region (id, district_id, parent_id, type, name, path, size_class, boundary, contact_unit_id)
                SELECT nextval('region_seq'), ?, v.parent_id, ?, v.name, '', v.size_class, CAST(v.boundary AS jsonb), v.unit
                FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[]) AS v (parent_id, name, size_class, boundary, unit)
                WHERE NOT EXISTS (SELECT 1 FROM region r WHERE r.parent_id = v.parent_id AND r.name = v.name)""",
                districtId, type.name(), parents, names, sizes, boundaries, units);
        int updated = jdbc.update("""
                UPDATE region r SET size_class = v.size_class, boundary = CAST(v.boundary AS jsonb), contact_unit_id = v.unit,
                    version = r.version + 1
                FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[]) AS v (parent_id, name, size_class, boundary, unit)
                WHERE r.parent_id = v.parent_id AND r.name = v.name
                  AND (r.size_class, r.boundary, r.contact_unit_id) IS DISTINCT FROM (v.size_class, CAST(v.boundary AS jsonb), v.unit)""",
                parents, names, sizes, boundaries, units);
        List<Long> ids = jdbc.rows("""
                SELECT r.id FROM unnest(?::bigint[], ?::text[]) WITH ORDINALITY AS v (parent_id, name, n)
                JOIN region r ON r.parent_id = v.parent_id AND r.name = v.name ORDER BY v.n""",
                row -> row.getLong(1), parents, names);
        return new Imported(ids, ImportCounts.of(rows.size(), created, updated));
    }
}
