package io.gridloop.catalog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.hibernate.jpa.HibernateHints;

import com.github.benmanes.caffeine.cache.Cache;

import io.gridloop.shared.ImportCounts;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.cache.Caches;
import io.gridloop.shared.sql.Jdbc;

/**
 * What other features may know of the service catalogue: the catalog feature owns {@code category},
 * and this is the only way in for everyone else. Answers are records, never entities.
 *
 * <p>A category's terms are asked for by nearly every ticket write (filing by code; triage, dispatch,
 * resolve and feedback by id), and change a few times a year. So each is read once (read-only: the
 * entity never joins the caller's persistence context, whose flushes would check it for changes) and
 * kept for {@code gridloop.catalog.cache-ttl} (default ten seconds, measured on the injected clock).
 * A change on this instance drops the code at once, after its commit ({@link CategoryChanged}); other
 * instances on the same database see it when their copy expires, as with the calendars. A code that
 * is not found is not kept.
 */
@Singleton
public class Catalog {

    /** Terms kept at most, by id and by (district, code) each; past it the least used go first. */
    private static final int MAX_ENTRIES = 10_000;

    private final Cache<Long, Terms> byId;
    private final Cache<CodeKey, Terms> byCode;
    /** Bumped by every invalidation: a read that was under way when it happened is not kept. */
    private final AtomicLong generation = new AtomicLong();
    private final Event<CategoryChanged> changes;
    private final Jdbc jdbc;

    Catalog(CatalogConfig config, Clock clock, Event<CategoryChanged> changes, Jdbc jdbc) {
        this.changes = changes;
        this.jdbc = jdbc;
        this.byId = Caches.bounded(MAX_ENTRIES, clock).expireAfterWrite(config.cacheTtl()).build();
        this.byCode = Caches.bounded(MAX_ENTRIES, clock).expireAfterWrite(config.cacheTtl()).build();
    }

    private record CodeKey(long districtId, String code) {
    }

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
        CodeKey key = new CodeKey(districtId, code);
        Terms cached = byCode.getIfPresent(key);
        return cached != null ? Optional.of(cached)
                : Optional.ofNullable(read(() -> readOnly(Category.find("districtId = ?1 and code = ?2", districtId, code))));
    }

    public Terms byId(long id) {
        Terms cached = byId.getIfPresent(id);
        if (cached != null) {
            return cached;
        }
        Terms terms = read(() -> readOnly(Category.find("id = ?1", id)));
        if (terms == null) {
            throw new IllegalStateException("no category " + id);
        }
        return terms;
    }

    /** The terms read, kept under both keys unless a change was observed while they were read. */
    private Terms read(Supplier<Category> query) {
        long before = generation.get();
        Category category = query.get();
        if (category == null) {
            return null;
        }
        return keep(category, before);
    }

    /** The category's terms, kept under both keys unless a change was observed since {@code before}. */
    private Terms keep(Category category, long before) {
        Terms terms = Terms.of(category);
        if (generation.get() == before) {
            byId.put(terms.id(), terms);
            byCode.put(new CodeKey(category.districtId, terms.code()), terms);
        }
        return terms;
    }

    private static Category readOnly(io.quarkus.hibernate.orm.panache.PanacheQuery<Category> query) {
        return query.withHint(HibernateHints.HINT_READ_ONLY, true).firstResult();
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) CategoryChanged changed) {
        generation.incrementAndGet();
        byCode.invalidate(new CodeKey(changed.districtId(), changed.code()));
        // the same code in another district goes too: harmless, and changes are rare
        byId.asMap().values().removeIf(terms -> terms.code().equals(changed.code()));
    }

    /** The codes of these categories, by id: the kept terms', the others read in one query and kept. */
    public Map<Long, String> codes(Collection<Long> ids) {
        Map<Long, String> codes = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        for (Long id : ids) {
            Terms cached = byId.getIfPresent(id);
            if (cached != null) {
                codes.put(id, cached.code());
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            long before = generation.get();
            List<Category> found = Category.<Category>find("id in ?1", missing).withHint(HibernateHints.HINT_READ_ONLY, true)
                    .list();
            for (Category category : found) {
                codes.put(category.id, keep(category, before).code());
            }
        }
        return codes;
    }

    /**
     * A category as the published catalogue shows it (Open311's services and service definitions): its
     * names, group, resolution limit and extra fields ({@code attributes}, free-form maps).
     */
    public record Listed(String code, String nameZh, String nameEn, String group, int resolutionLimit,
            LimitUnit resolutionLimitUnit, List<Map<String, Object>> attributes) {
    }

    /** The district's active categories by code, at most {@code max}. */
    public List<Listed> active(long districtId, int max) {
        return Category.<Category>find("districtId = ?1 and active = true order by code", districtId)
                .withHint(HibernateHints.HINT_READ_ONLY, true).page(0, max).list().stream()
                .map(Catalog::listed).toList();
    }

    /**
     * The published catalogue (服务清单) of the district, a page at a time: its active categories in the order they
     * were made (keyset on the id), for the three lists of a community.
     */
    public Page<Listed> published(long districtId, int limit, String cursor) {
        List<Category> rows = Category.<Category>find("districtId = ?1 and active = true and id > ?2 order by id", districtId,
                Cursors.after(cursor)).withHint(HibernateHints.HINT_READ_ONLY, true).page(0, limit + 1).list();
        return Page.of(rows, limit, c -> c.id, Catalog::listed);
    }

    private static Listed listed(Category c) {
        return new Listed(c.code, c.nameZh, c.nameEn, c.group, c.resolutionLimit, c.resolutionLimitUnit,
                c.attributes == null ? List.of() : c.attributes);
    }

    /** A category to import, found by its code in the district. */
    public record ImportedCategory(String code, String nameZh, String nameEn, String group, MatterClass defaultMatterClass,
            int responseLimit, LimitUnit responseLimitUnit, int resolutionLimit, LimitUnit resolutionLimitUnit,
            boolean verificationRequired) {
    }

    /**
     * Categories from an import file, by code: made when missing, their names, group, default and
     * limits set to the file's when they differ (whether a category is active, and its attributes,
     * stay as the API left them). Each changed code is dropped from the kept terms after the commit.
     */
    @Transactional(TxType.MANDATORY)
    public ImportCounts imported(long districtId, List<ImportedCategory> rows) {
        Object[] columns = {
                rows.stream().map(ImportedCategory::code).toArray(String[]::new),
                rows.stream().map(ImportedCategory::nameZh).toArray(String[]::new),
                rows.stream().map(ImportedCategory::nameEn).toArray(String[]::new),
                rows.stream().map(ImportedCategory::group).toArray(String[]::new),
                rows.stream().map(r -> r.defaultMatterClass().name()).toArray(String[]::new),
                rows.stream().map(ImportedCategory::responseLimit).toArray(Integer[]::new),
                rows.stream().map(r -> r.responseLimitUnit().name()).toArray(String[]::new),
                rows.stream().map(ImportedCategory::resolutionLimit).toArray(Integer[]::new),
                rows.stream().map(r -> r.resolutionLimitUnit().name()).toArray(String[]::new),
                rows.stream().map(ImportedCategory::verificationRequired).toArray(Boolean[]::new) };
        String values = """
                unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::integer[], ?::text[], ?::integer[], ?::text[],
                       ?::boolean[]) AS v (code, name_zh, name_en, group_name, default_matter_class, response_limit,
                       response_limit_unit, resolution_limit, resolution_limit_unit, verification_required)""";
        Object[] insert = new Object[columns.length + 2];
        insert[0] = districtId;
        System.arraycopy(columns, 0, insert, 1, columns.length);
        insert[columns.length + 1] = districtId;
        int created = jdbc.update("""
                INSERT INTO category (id, district_id, code, name_zh, name_en, group_name, default_matter_class,
                    response_limit, response_limit_unit, resolution_limit, resolution_limit_unit, verification_required)
                SELECT nextval('category_seq'), ?, v.* FROM %s
                WHERE NOT EXISTS (SELECT 1 FROM category c WHERE c.district_id = ? AND c.code = v.code)""".formatted(values),
                insert);
        Object[] update = new Object[columns.length + 1];
        System.arraycopy(columns, 0, update, 0, columns.length);
        update[columns.length] = districtId;
        List<String> updated = jdbc.rows("""
                UPDATE category c SET name_zh = v.name_zh, name_en = v.name_en, group_name = v.group_name,
                    default_matter_class = v.default_matter_class, response_limit = v.response_limit,
                    response_limit_unit = v.response_limit_unit, resolution_limit = v.resolution_limit,
                    resolution_limit_unit = v.resolution_limit_unit, verification_required = v.verification_required,
                    version = c.version + 1
                FROM %s
                WHERE c.district_id = ? AND c.code = v.code
                  AND (c.name_zh, c.name_en, c.group_name, c.default_matter_class, c.response_limit, c.response_limit_unit,
                       c.resolution_limit, c.resolution_limit_unit, c.verification_required)
                      IS DISTINCT FROM (v.name_zh, v.name_en, v.group_name, v.default_matter_class, v.response_limit,
                       v.response_limit_unit, v.resolution_limit, v.resolution_limit_unit, v.verification_required)
                RETURNING c.code""".formatted(values), row -> row.getString(1), update);
        updated.forEach(code -> changes.fire(new CategoryChanged(districtId, code)));
        return ImportCounts.of(rows.size(), created, updated.size());
    }
}
