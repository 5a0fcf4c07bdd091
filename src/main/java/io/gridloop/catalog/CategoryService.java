package io.gridloop.catalog;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import io.gridloop.catalog.CategoryViews.CategoryView;
import io.gridloop.catalog.CategoryViews.CategoryRequest;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.web.ReadOnlyFields;
import io.gridloop.shared.web.Versions;

/** The district's service catalogue: read by everyone signed in, kept by the district admin. */
@ApplicationScoped
public class CategoryService {

    private final Caller caller;
    private final Event<CategoryChanged> changed;

    CategoryService(Caller caller, Event<CategoryChanged> changed) {
        this.caller = caller;
        this.changed = changed;
    }

    @Transactional
    public CategoryView create(CategoryRequest request, Locale locale) {
        if (Category.findByCode(caller.districtId(), request.code()) != null) {
            throw ProblemException.duplicate("catalog.code-taken", request.code());
        }
        ReadOnlyFields.unchanged("name", request.name(), null);
        ReadOnlyFields.unchanged("version", request.version(), null);
        Category category = new Category();
        category.districtId = caller.districtId();
        category.code = request.code();
        apply(category, request);
        category.persist();
        changed.fire(new CategoryChanged(category.districtId, category.code));
        return CategoryView.of(category, locale);
    }

    @Transactional
    public CategoryView update(String code, String ifMatch, CategoryRequest fields, Locale locale) {
        Category category = find(code);
        Versions.requireMatch(ifMatch, category.version);
        if (!code.equals(fields.code())) {
            throw ProblemException.invalidField("code", "field.code-immutable");
        }
        ReadOnlyFields.unchanged("name", fields.name(), CategoryView.of(category, locale).name());
        ReadOnlyFields.unchanged("version", fields.version(), category.version);
        apply(category, fields);
        category.flush();
        changed.fire(new CategoryChanged(category.districtId, category.code));
        return CategoryView.of(category, locale);
    }

    public CategoryView get(String code, Locale locale) {
        return CategoryView.of(find(code), locale);
    }

    public Page<CategoryView> list(boolean includeInactive, int limit, String cursor, Locale locale) {
        List<Category> rows = Category.<Category>find("districtId = ?1 and id > ?2" + (includeInactive ? "" : " and active = true")
                + " order by id", caller.districtId(), Cursors.after(cursor)).page(0, limit + 1).list();
        return Page.of(rows, limit, c -> c.id, c -> CategoryView.of(c, locale));
    }

    private Category find(String code) {
        Category category = Category.findByCode(caller.districtId(), code);
        if (category == null) {
            throw ProblemException.notFound();
        }
        return category;
    }

    private static void apply(Category category, CategoryRequest fields) {
        category.nameZh = fields.nameZh().strip();
        category.nameEn = fields.nameEn().strip();
        category.group = fields.group().strip();
        category.defaultMatterClass = fields.defaultMatterClass();
        category.responseLimit = fields.responseLimit().value();
        category.responseLimitUnit = fields.responseLimit().unit();
        category.resolutionLimit = fields.resolutionLimit().value();
        category.resolutionLimitUnit = fields.resolutionLimit().unit();
        category.verificationRequired = fields.verificationRequired();
        category.attributes = fields.attributes() == null ? List.of() : fields.attributes();
        category.active = fields.active() == null || fields.active();
    }
}
