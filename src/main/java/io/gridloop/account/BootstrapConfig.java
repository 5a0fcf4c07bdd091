package io.gridloop.account;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The first district administrator, made once at start while no account exists ({@link FirstAdmin}):
 * GRIDLOOP_BOOTSTRAP_DISTRICT, GRIDLOOP_BOOTSTRAP_ADMIN_USERNAME and GRIDLOOP_BOOTSTRAP_ADMIN_PASSWORD,
 * all three or none.
 */
@ConfigMapping(prefix = "gridloop.bootstrap")
interface BootstrapConfig {

    /** The district's name: the root of its region tree. */
    Optional<String> district();

    Admin admin();

    interface Admin {

        Optional<String> username();

        /** Must be changed at the first sign-in. */
        Optional<String> password();

        /** The name shown for the administrator. */
        @WithDefault("区级管理员")
        String name();
    }
}
