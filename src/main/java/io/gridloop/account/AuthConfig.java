package io.gridloop.account;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gridloop.auth")
interface AuthConfig {

    /** The bcrypt work factor of new password hashes. */
    @WithDefault("10")
    int bcryptCost();

    Throttle throttle();

    /** Failed sign-ins counted per username and per client address (SPEC §2). */
    interface Throttle {

        @WithDefault("5")
        int maxFailuresPerUsername();

        @WithDefault("20")
        int maxFailuresPerAddress();

        /** How long failures count, and how long a key stays locked past the limit. */
        @WithDefault("PT15M")
        Duration window();
    }
}
