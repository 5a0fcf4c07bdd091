package io.gridloop.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while the service catalogue is empty: no ticket can be filed without a category, so an
 * instance of a district that has not imported its data yet should not take traffic. The data says
 * why ({@code reason}) and how many active categories there are ({@code categories}).
 */
@Readiness
@ApplicationScoped
class CatalogReadiness implements HealthCheck {

    static final String NAME = "Service catalogue";

    @Override
    @Transactional
    public HealthCheckResponse call() {
        long active = Category.count("active = true");
        return report(active);
    }

    static HealthCheckResponse report(long activeCategories) {
        var response = HealthCheckResponse.named(NAME).withData("categories", activeCategories);
        if (activeCategories == 0) {
            return response.down().withData("reason",
                    "the district has no active categories: import its data (POST /api/v1/district/import) before sending traffic").build();
        }
        return response.up().build();
    }
}
