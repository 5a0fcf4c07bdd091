package io.gridloop.shared.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;

/**
 * For {@code AuthFailureHandoffTest}: a route after Quarkus REST's authentication filter (order -199) and before the
 * permission checks (-100) that names, in a header, the failure handler the request reached it with. Only a request
 * that asks, with {@link #ASK}.
 */
@ApplicationScoped
class AuthFailureProbe {

    static final String ASK = "X-Test-Auth-Failure-Probe";
    static final String ANSWER = "X-Test-Auth-Failure-Handler";

    void install(@Observes Router router) {
        router.route().order(-150).handler(context -> {
            if (context.request().headers().contains(ASK)) {
                Object handler = context.get(QuarkusHttpUser.AUTH_FAILURE_HANDLER);
                context.response().putHeader(ANSWER, handler == null ? "none" : handler.getClass().getName());
            }
            context.next();
        });
    }
}
