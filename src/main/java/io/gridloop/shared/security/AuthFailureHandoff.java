package io.gridloop.shared.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.security.HttpSecurityRecorder.DefaultAuthFailureHandler;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;

/**
 * Leaves a failed authentication to the REST layer's problem mappers, as Quarkus REST's own filter does, one step before
 * that filter. With the metrics extension present, that filter (Quarkus 3.36) first builds a request mapper of every
 * resource class, on every request, to name the metrics' URL template of a request whose authentication fails before
 * the REST layer: 4.9 % of the service's CPU in a loop request (docs/benchmarks.md, 2026-12-06 12:38). It then puts its
 * own handler in the default's place, which the REST layer removes when it takes the request, so that the failure is
 * thrown to the mappers. Here authentication is lazy ({@code quarkus.http.auth.proactive=false}): it fails inside the
 * REST layer, which has named the template by then. So this route removes the default handler at once, and the filter
 * finds nothing to do. {@code AuthFailureHandoffTest} holds that, that a refused token still answers a 401 problem, and
 * that the metrics still name the templates.
 */
@ApplicationScoped
class AuthFailureHandoff {

    /**
     * Right after authentication (the filter of priority 200, order -200) and before Quarkus REST's (priority 199, order
     * -199): routes of one order run in the order they were added, and the router's observers add theirs before the
     * filters are added.
     */
    static final int ORDER = -199;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(context -> {
            if (context.get(QuarkusHttpUser.AUTH_FAILURE_HANDLER) instanceof DefaultAuthFailureHandler) {
                context.remove(QuarkusHttpUser.AUTH_FAILURE_HANDLER);
            }
            context.next();
        });
    }
}
