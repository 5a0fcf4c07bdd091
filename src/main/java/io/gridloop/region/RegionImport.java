package io.gridloop.region;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Writes the district tree from a file (the demo seeds): each region and unit is found by its
 * natural key first, so importing the same file again adds nothing. Joins the importer's transaction.
 */
@ApplicationScoped
public class RegionImport {

    private final EntityManager entityManager;

    RegionImport(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * The region named so under the parent (a district when the parent is null), made if missing.
     *
     * @param boundary the grid's GeoJSON polygon as JSON text, or null
     */
    @Transactional(TxType.MANDATORY)
    public long region(Long parentId, RegionType type, String name, SizeClass sizeClass, String boundary, Long contactUnitId) {
        List<?> found = (parentId == null
                ? entityManager.createNativeQuery("SELECT id FROM region WHERE parent_id IS NULL AND name = ?1")
                : entityManager.createNativeQuery("SELECT id FROM region WHERE parent_id = ?2 AND name = ?1")
                        .setParameter(2, parentId))
                .setParameter(1, name).getResultList();
        if (!found.isEmpty()) {
            return ((Number) found.get(0)).longValue();
        }
        long id = ((Number) entityManager.createNativeQuery("SELECT nextval('region_seq')").getSingleResult()).longValue();
        entityManager.createNativeQuery("""
                INSERT INTO region (id, district_id, parent_id, type, name, path, size_class, boundary, contact_unit_id)
                VALUES (?1, COALESCE((SELECT p.district_id FROM region p WHERE p.id = ?2), ?1), ?2, ?3, ?4, '', ?5,
                        CAST(?6 AS jsonb), ?7)""")
                .setParameter(1, id).setParameter(2, parentId).setParameter(3, type.name()).setParameter(4, name)
                .setParameter(5, sizeClass == null ? null : sizeClass.name()).setParameter(6, boundary)
                .setParameter(7, contactUnitId).executeUpdate();
        return id;
    }

    /** The district's unit of that name, made if missing. */
    @Transactional(TxType.MANDATORY)
    public long unit(long districtId, String name, String contactName, String phone) {
        entityManager.createNativeQuery("""
                INSERT INTO unit (id, district_id, name, contact_name, phone) VALUES (nextval('unit_seq'), ?1, ?2, ?3, ?4)
                ON CONFLICT (district_id, name) DO NOTHING""")
                .setParameter(1, districtId).setParameter(2, name).setParameter(3, contactName).setParameter(4, phone)
                .executeUpdate();
        return ((Number) entityManager.createNativeQuery("SELECT id FROM unit WHERE district_id = ?1 AND name = ?2")
                .setParameter(1, districtId).setParameter(2, name).getSingleResult()).longValue();
    }
}
