package io.gridloop.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

import io.quarkus.test.TestTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** /q/health/ready is DOWN while there is no category to file a ticket in, and says why. */
@QuarkusTest
class CatalogReadinessTest {

    @Inject
    @Readiness
    CatalogReadiness readiness;

    @Inject
    EntityManager entityManager;

    @Test
    void with_the_demo_catalogue_readiness_is_up() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Service catalogue' }.status", equalTo("UP"));
    }

    @Test
    @TestTransaction
    void without_an_active_category_readiness_is_down_and_says_to_import_the_data() {
        entityManager.createNativeQuery("UPDATE category SET active = false").executeUpdate();

        HealthCheckResponse response = readiness.call();

        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals(0L, ((Number) response.getData().orElseThrow().get("categories")).longValue());
        assertTrue(response.getData().orElseThrow().get("reason").toString().contains("import"));
    }
}
