package io.gridloop.lists;

import java.util.Locale;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.gridloop.catalog.Catalog;
import io.gridloop.catalog.LimitUnit;
import io.gridloop.lists.ResourceViews.ResourceView;
import io.gridloop.shared.paging.Page;
import io.gridloop.ticket.WishView;

/** What the three lists answer. */
final class ListViews {

    private ListViews() {
    }

    record TimeLimit(int value, LimitUnit unit) {
    }

    /** A service of the catalogue as the service list (服务清单) shows it; {@code name} follows Accept-Language. */
    record ServiceView(String code, String name, String nameZh, String nameEn, String group,
            @Schema(description = "resolved within this, once dispatched") TimeLimit resolutionLimit) {

        static ServiceView of(Catalog.Listed category, Locale locale) {
            return new ServiceView(category.code(),
                    Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? category.nameEn() : category.nameZh(),
                    category.nameZh(), category.nameEn(), category.group(),
                    new TimeLimit(category.resolutionLimit(), category.resolutionLimitUnit()));
        }
    }

    /**
     * The three lists of a community at a glance (三张清单): the first page of each; each list's
     * {@code nextCursor} goes on at its own path.
     */
    record ThreeLists(long communityId,
            @Schema(description = "what units and party members offer; more at /api/v1/lists/{communityId}/resources")
            Page<ResourceView> resources,
            @Schema(description = "open tickets and wishes, anonymised; more at /api/v1/lists/{communityId}/needs")
            Page<WishView> needs,
            @Schema(description = "the service catalogue; more at /api/v1/lists/{communityId}/services")
            Page<ServiceView> services) {
    }
}
