package io.gridloop.shared.security;

import java.lang.reflect.Method;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Checks {@link Allowed} before anything else of the method runs (validation, idempotency, the
 * service's transaction), so a refused caller changes nothing and claims no Idempotency-Key.
 */
@Allowed
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
class AllowedCheck {

    private final Caller caller;

    AllowedCheck(Caller caller) {
        this.caller = caller;
    }

    @AroundInvoke
    Object check(InvocationContext invocation) throws Exception {
        Method method = invocation.getMethod();
        Allowed allowed = method.getAnnotation(Allowed.class);
        if (allowed == null) {
            allowed = method.getDeclaringClass().getAnnotation(Allowed.class);
        }
        caller.require(allowed.apiKeys(), allowed.whilePasswordChangeRequired(), allowed.value());
        return invocation.proceed();
    }
}
