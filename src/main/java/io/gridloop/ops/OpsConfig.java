package io.gridloop.ops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gridloop.log")
interface OpsConfig {

    /** One JSON object per log line, for a log collector, instead of the console format. */
    @WithDefault("false")
    boolean json();
}
