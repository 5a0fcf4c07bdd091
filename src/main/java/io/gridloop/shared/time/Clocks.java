package io.gridloop.shared.time;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/** The one clock every rule reads, so tests can put "now" where they need it. */
@ApplicationScoped
public class Clocks {

    /** A singleton, injected as itself: read several times a request, it goes through no client proxy. */
    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
