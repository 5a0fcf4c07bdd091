package io.gridloop.calendar;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gridloop.calendar")
interface CalendarConfig {

    /** How long an instance keeps a (district, year) it has read; see {@link Calendars}. */
    @WithDefault("PT1M")
    Duration cacheTtl();
}
