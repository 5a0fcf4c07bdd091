package io.gridloop.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * What each profile of application.properties says about the operator's surface, read without
 * booting Quarkus: production keeps health, metrics and OpenAPI off the public port and Swagger UI
 * off; the demo, whose passwords are public, listens on this machine only.
 */
class ProfilesTest {

    @Test
    void production_serves_health_metrics_and_openapi_on_the_management_interface_and_no_swagger_ui() throws Exception {
        SmallRyeConfig prod = profile("prod");

        assertEquals(Optional.of(true), prod.getOptionalValue("quarkus.management.enabled", Boolean.class));
        assertEquals(Optional.of(false), prod.getOptionalValue("quarkus.swagger-ui.enabled", Boolean.class));
        assertEquals(Optional.empty(), prod.getOptionalValue("quarkus.http.host", String.class), "production binds where it is told");
        assertEquals(Optional.of(true), prod.getOptionalValue("quarkus.http.cors.enabled", Boolean.class));
        assertEquals(Optional.empty(), prod.getOptionalValue("quarkus.http.cors.origins", String.class),
                "no origin is allowed until a deployment lists its own");
    }

    @Test
    void the_demo_listens_on_this_machine_only() throws Exception {
        SmallRyeConfig demo = profile("demo");

        assertEquals("127.0.0.1", demo.getValue("quarkus.http.host", String.class));
        assertEquals("127.0.0.1", demo.getValue("quarkus.management.host", String.class));
        assertTrue(demo.getOptionalValue("quarkus.swagger-ui.enabled", Boolean.class).orElse(true));
    }

    @Test
    void graceful_shutdown_is_kept() throws Exception {
        assertEquals("15s", profile("prod").getValue("quarkus.shutdown.timeout", String.class));
    }

    private static SmallRyeConfig profile(String profile) throws java.io.IOException {
        return new SmallRyeConfigBuilder().withProfile(profile)
                .withSources(new PropertiesConfigSource(ProfilesTest.class.getResource("/application.properties"), 100))
                .build();
    }
}
