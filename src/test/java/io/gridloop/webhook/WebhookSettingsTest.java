package io.gridloop.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The delivery worker's settings out of range stop the start with the setting's name, instead of a worker that sends nothing or twice. */
class WebhookSettingsTest {

    /** The worker's sizes and times as configured by default, with the given ones instead. */
    private static WebhookConfig settings(Map<String, Object> changed) {
        Map<String, Object> values = new HashMap<>(Map.of("batch", 50, "passes", 4, "lease", Duration.ofMinutes(1),
                "connectTimeout", Duration.ofSeconds(5), "readTimeout", Duration.ofSeconds(10)));
        values.putAll(changed);
        return (WebhookConfig) Proxy.newProxyInstance(WebhookConfig.class.getClassLoader(), new Class<?>[] { WebhookConfig.class },
                (proxy, method, args) -> values.get(method.getName()));
    }

    private static String refused(Map<String, Object> changed) {
        return assertThrows(IllegalArgumentException.class, () -> DeliveryWorker.checked(settings(changed))).getMessage();
    }

    @Test
    void the_defaults_and_the_edges_pass() {
        WebhookConfig defaults = settings(Map.of());
        assertSame(defaults, DeliveryWorker.checked(defaults));
        WebhookConfig edges = settings(Map.of("batch", 1, "passes", 1, "lease", Duration.ofSeconds(15).plusMillis(1)));
        assertSame(edges, DeliveryWorker.checked(edges));
    }

    @Test
    void each_setting_out_of_range_is_named() {
        assertEquals("gridloop.webhooks.batch must be at least 1, not 0", refused(Map.of("batch", 0)));
        assertEquals("gridloop.webhooks.passes must be at least 1, not 0", refused(Map.of("passes", 0)));
        assertEquals("gridloop.webhooks.passes must be at least 1, not -2", refused(Map.of("passes", -2)));
        assertEquals("gridloop.webhooks.lease must be longer than connect-timeout + read-timeout (PT15S), not PT15S",
                refused(Map.of("lease", Duration.ofSeconds(15))));
    }
}
