package io.gridloop.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * What other features may know of the service catalogue: the catalog feature owns {@code category},
 * and this is the only way in for everyone else. Answers are records, never entities.
 */
@ApplicationScoped
public class Catalog {

    /** A category's terms: what a ticket of it defaults to, its time limits, and whether a leader verifies first. */
    public record Terms(long id, String code, boolean active, MatterClass defaultMatterClass, int responseLimit,
            LimitUnit responseLimitUnit, int resolutionLimit, LimitUnit resolutionLimitUnit, boolean verificationRequired) {

        static Terms of(Category c) {
            return new Terms(c.id, c.code, c.active, c.defaultMatterClass, c.responseLimit, c.responseLimitUnit,
                    c.resolutionLimit, c.resolutionLimitUnit, c.verificationRequired);
        }
    }

    /** A category of the district by its code, active or not. */
    public Optional<Terms> byCode(long districtId, String code) {
        return Optional.ofNullable(Category.findByCode(districtId, code)).map(Terms::of);
    }

    public Terms byId(long id) {
        return Terms.of(Category.findById(id));
    }

    /** The codes of these categories, by id. */
    public Map<Long, String> codes(Collection<Long> ids) {
        List<Category> found = Category.list("id in ?1", ids);
        return found.stream().collect(Collectors.toMap(c -> c.id, c -> c.code, (a, b) -> a));
    }

    /** A category from an import file (the demo seeds), made if the district has none with its code. */
    @Transactional(TxType.MANDATORY)
    public void imported(long districtId, String code, String nameZh, String nameEn, String group, MatterClass defaultMatterClass,
            int responseLimit, LimitUnit responseLimitUnit, int resolutionLimit, LimitUnit resolutionLimitUnit,
            boolean verificationRequired) {
        Category.getEntityManager().createNativeQuery("""
                INSERT INTO category (id, district_id, code, name_zh, name_en, group_name, default_matter_class,
                    response_limit, response_limit_unit, resolution_limit, resolution_limit_unit, verification_required)
                VALUES (nextval('category_seq'), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                ON CONFLICT (district_id, code) DO NOTHING""")
                .setParameter(1, districtId).setParameter(2, code).setParameter(3, nameZh).setParameter(4, nameEn)
                .setParameter(5, group).setParameter(6, defaultMatterClass.name()).setParameter(7, responseLimit)
                .setParameter(8, responseLimitUnit.name()).setParameter(9, resolutionLimit)
                .setParameter(10, resolutionLimitUnit.name()).setParameter(11, verificationRequired).executeUpdate();
    }
}
