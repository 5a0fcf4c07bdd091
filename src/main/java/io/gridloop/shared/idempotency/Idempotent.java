package io.gridloop.shared.idempotency;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Marks a create endpoint that honours the Idempotency-Key header (SPEC §2): a retry with the same
 * key and body replays the first response, another body is 422, a retry while the first runs is 409.
 * The method must return a {@code RestResponse}.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Idempotent {

    String HEADER = "Idempotency-Key";
}
