package io.gridloop.seed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gridloop.seed")
interface SeedConfig {

    /** Loads the demo district from seeds/; the dev, demo and test profiles turn it on, never production. */
    @WithDefault("false")
    boolean enabled();
}
