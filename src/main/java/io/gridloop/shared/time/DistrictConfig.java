package io.gridloop.shared.time;

import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The district's settings that several features share. */
@ConfigMapping(prefix = "gridloop.district")
public interface DistrictConfig {

    /** Where the district's days begin and end: working days, ticket years, calendar years (SPEC §1.7). */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();
}
