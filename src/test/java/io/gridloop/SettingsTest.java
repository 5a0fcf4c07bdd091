package io.gridloop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Each setting's one default lives in its @ConfigMapping interface, and a setting read by name
 * (`@Scheduled(every = "${gridloop.deadlines.every}")`) finds it there: nothing in
 * application.properties repeats it.
 */
@QuarkusTest
class SettingsTest {

    @Test
    void a_setting_read_by_name_gets_the_default_of_its_mapping() {
        Config config = ConfigProvider.getConfig();

        assertEquals("30s", config.getValue("gridloop.deadlines.delay", String.class));
        assertEquals("Asia/Shanghai", config.getValue("gridloop.district.zone", String.class));
        assertEquals("PT1M", config.getValue("gridloop.calendar.cache-ttl", String.class));
    }

    @Test
    void a_profile_override_still_wins_over_the_default() {
        assertEquals("off", ConfigProvider.getConfig().getValue("gridloop.deadlines.every", String.class));
    }
}
