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

    /** Failed sign-ins counted per username and address, per address and per username (SPEC §2; see LoginThrottle). */
    interface Throttle {

        /** Failures of one username from one address that lock that pair. */
        @WithDefault("5")
        int maxFailuresPerUsernameAndAddress();

        /** Failures of one username from anywhere past which its sign-ins are slowed down (never locked). */
        @WithDefault("5")
        int maxFailuresPerUsername();

        /** How long a sign-in for a username past its limit waits before its password is checked. */
        @WithDefault("PT1S")
        Duration slowdown();

        @WithDefault("20")
        int maxFailuresPerAddress();

        /** How long failures count, and how long a key stays locked past the limit. */
        @WithDefault("PT15M")
        Duration window();
    }
}
