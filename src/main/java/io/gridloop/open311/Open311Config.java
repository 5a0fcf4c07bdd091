package io.gridloop.open311;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Open311 GeoReport v2 settings. */
@ConfigMapping(prefix = "gridloop.open311")
public interface Open311Config {

    /** A POST with the same fields from the same key within this window answers the request it filed first. */
    @WithDefault("PT10M")
    Duration retryWindow();

    /** GET requests answers at most this many (GeoReport v2: 1,000). */
    @WithDefault("1000")
    int maxResults();

    /** GET requests without dates covers this many days up to now, and no query may span more (GeoReport v2: 90). */
    @WithDefault("90")
    int maxDays();

    /** At most this many ids in one service_request_id list. */
    @WithDefault("100")
    int maxIds();

    /** Discovery: who runs the service, for clients' people. */
    @WithDefault("gridloop district office")
    String contact();

    /** Discovery: how a client gets an api_key. */
    @WithDefault("Ask the district administrator for an API key (POST /api/v1/api-keys); send it as api_key.")
    String keyService();

    /** Discovery: when the endpoint list last changed. */
    @WithDefault("2026-12-02T00:00:00Z")
    String changeset();
}
