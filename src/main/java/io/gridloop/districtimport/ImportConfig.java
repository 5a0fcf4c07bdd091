package io.gridloop.districtimport;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gridloop.district-import")
interface ImportConfig {

    /**
     * The largest import file (413 past it). A district of 3,000 grids with boundaries and 10,000
     * accounts is about 3 MB of YAML.
     */
    @WithDefault("20M")
    MemorySize maxSize();
}
