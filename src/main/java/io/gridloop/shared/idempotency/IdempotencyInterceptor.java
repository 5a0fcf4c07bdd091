package io.gridloop.shared.idempotency;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.gridloop.shared.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;

/** Runs an {@link Idempotent} endpoint at most once per (caller, key); see SPEC §2. */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 900)
class IdempotencyInterceptor {

    private static final Pattern SANE_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final IdempotencyStore store;
    private final CurrentVertxRequest currentRequest;
    private final Caller caller;
    private final ObjectMapper json;

    IdempotencyInterceptor(IdempotencyStore store, CurrentVertxRequest currentRequest, Caller caller, ObjectMapper json) {
        this.store = store;
        this.currentRequest = currentRequest;
        this.caller = caller;
        this.json = json;
    }

    @AroundInvoke
    Object once(InvocationContext invocation) throws Exception {
        HttpServerRequest request = currentRequest.getCurrent().request();
        String key = request.getHeader(Idempotent.HEADER);
        if (key == null) {
            return invocation.proceed();
        }
        if (!SANE_KEY.matcher(key).matches()) {
            throw ProblemException.invalidField(Idempotent.HEADER, "field.wrong-type");
        }
        String owner = caller.principalKey();
        IdempotencyStore.Claim claim = store.claim(owner, key, fingerprint(request, invocation));
        if (claim instanceof IdempotencyStore.Mismatch) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED, "idempotency-key-reused.detail");
        }
        if (claim instanceof IdempotencyStore.InProgress) {
            throw ProblemException.retryAfter(ProblemType.IDEMPOTENCY_IN_PROGRESS, 1, "idempotency-in-progress.detail");
        }
        if (claim instanceof IdempotencyStore.Replay replay) {
            return replayed(replay);
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                RestResponse<?> response = (RestResponse<?>) invocation.proceed();
                store.complete(owner, key, response.getStatus(), json.writeValueAsString(response.getEntity()),
                        response.getLocation() == null ? null : response.getLocation().toString(),
                        response.getHeaderString(HttpHeaders.ETAG));
                return response;
            });
        } catch (RuntimeException e) {
            store.release(owner, key);
            throw e;
        }
    }

    private RestResponse<Object> replayed(IdempotencyStore.Replay replay) throws Exception {
        RestResponse.ResponseBuilder<Object> builder = RestResponse.ResponseBuilder
                .<Object> create(replay.status()).entity(json.readTree(replay.body()))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Idempotent-Replayed", "true");
        if (replay.location() != null) {
            builder.location(java.net.URI.create(replay.location()));
        }
        if (replay.etag() != null) {
            builder.header(HttpHeaders.ETAG, replay.etag());
        }
        return builder.build();
    }

    private String fingerprint(HttpServerRequest request, InvocationContext invocation) throws Exception {
        return fingerprint(request.method().toString(), request.uri(), invocation.getMethod(), invocation.getParameters(), json);
    }

    /**
     * An uploaded file counts by its name and the SHA-256 of its bytes, not by the temporary file the REST layer
     * wrote it to (another one on each retry).
     */
    private static List<String> contentOf(FileUpload file) {
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, read);
            }
            return java.util.Arrays.asList(file.name(), file.fileName(), HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The request as the endpoint sees it: method, path and every argument that is not a header. */
    static String fingerprint(String method, String uri, Method endpoint, Object[] parameters, ObjectMapper json)
            throws JsonProcessingException {
        List<Object> arguments = new ArrayList<>();
        Annotation[][] annotations = endpoint.getParameterAnnotations();
        for (int i = 0; i < parameters.length; i++) {
            boolean header = false;
            for (Annotation annotation : annotations[i]) {
                header |= annotation instanceof HeaderParam || annotation instanceof org.jboss.resteasy.reactive.RestHeader;
            }
            if (!header) {
                arguments.add(parameters[i] instanceof FileUpload file ? contentOf(file) : parameters[i]);
            }
        }
        String canonical = method + " " + uri + "\n" + json.writeValueAsString(arguments);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
