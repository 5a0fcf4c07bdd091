package io.gridloop.catalog;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gridloop.catalog")
interface CatalogConfig {

    /** How long an instance keeps a category's terms it has read; see {@link Catalog}. */
    @WithDefault("PT10S")
    Duration cacheTtl();
}
