package io.gridloop.shared.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Who may call a resource method, decided on every request from the caller's role bindings as the
 * database has them now ({@link Caller}), never from the token's claims: a role removed or an account
 * disabled stops working on the next request. A method's own annotation takes the place of its class's.
 * Refused: 401 for an account that is disabled or gone, 403 for a caller without one of the roles or an
 * API key where only accounts may call.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Allowed {

    /** The roles of which the caller must hold at least one, in any region; none: any signed-in account. */
    @Nonbinding
    Role[] value() default {};

    /** Whether an API key (an integration, which has no account) may call it as well. */
    @Nonbinding
    boolean apiKeys() default false;

    /**
     * Whether an account that must change its password (one someone else chose) may call it: only
     * reading oneself and changing one's password may; everything else answers 403
     * {@code password-change-required} until the password is changed.
     */
    @Nonbinding
    boolean whilePasswordChangeRequired() default false;
}
