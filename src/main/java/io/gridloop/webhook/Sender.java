package io.gridloop.webhook;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;

/**
 * A delivery's POST, sent to the address {@link UrlGuard} checked: the URL's host is never resolved
 * again, so a name that resolves elsewhere by the time of the connection (DNS rebinding) cannot lead
 * it inside. The host still names the request (Host, TLS server name and certificate check). Redirects
 * are not followed; at most {@code limit} bytes of the answer are read; the whole exchange ends within
 * the read timeout. On the Vert.x event loop the service already runs, without a thread per request.
 */
@ApplicationScoped
class Sender {

    /** What came back: the status and the first bytes of the body, or why nothing did (status null). */
    record Answer(Integer status, String text, int latencyMs) {
    }

    private final Vertx vertx;
    private final HttpClient http;
    private final long readTimeoutMs;

    @Inject
    Sender(Vertx vertx, WebhookConfig config) {
        this(vertx, config.connectTimeout(), config.readTimeout(), config.batch() * Math.max(1, config.passes()), null);
    }

    /** {@code trust}: the certificates an HTTPS receiver's chain must end in; null for the JDK's trust store. */
    Sender(Vertx vertx, Duration connectTimeout, Duration readTimeout, int connections, TrustOptions trust) {
        this.vertx = vertx;
        this.readTimeoutMs = readTimeout.toMillis();
        HttpClientOptions options = new HttpClientOptions().setConnectTimeout((int) connectTimeout.toMillis())
                .setVerifyHost(true).setForceSni(true).setKeepAlive(true);
        if (trust != null) {
            options.setTrustOptions(trust);
        }
        this.http = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(Math.max(1, connections)));
    }

    @PreDestroy
    void stop() {
        http.close();
    }

    /** Completes (never fails) once the answer's first {@code limit} bytes are in, or it failed, or the read timeout passed. */
    Future<Answer> post(UrlGuard.Target target, Map<String, String> headers, String body, int limit) {
        long start = System.nanoTime();
        Promise<Answer> answer = Promise.promise();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(target.url().toString())
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(target.address(), target.port())))
                .setFollowRedirects(false);
        long timer = vertx.setTimer(readTimeoutMs, t -> answer.tryComplete(
                new Answer(null, "timed out after " + Duration.ofMillis(readTimeoutMs), elapsedMs(start))));
        http.request(options).onComplete(requested -> {
            if (requested.failed()) {
                answer.tryComplete(failure(requested.cause(), start));
                return;
            }
            HttpClientRequest request = requested.result();
            boolean[] ended = { false };
            // a slow or long answer is cut off (its connection closed); one read to its end keeps its connection
            answer.future().onComplete(done -> {
                if (!ended[0]) {
                    request.reset();
                }
            });
            headers.forEach(request::putHeader);
            request.response().onComplete(responded -> {
                if (responded.failed()) {
                    answer.tryComplete(failure(responded.cause(), start));
                    return;
                }
                int status = responded.result().statusCode();
                Buffer read = Buffer.buffer();
                responded.result().exceptionHandler(e -> answer.tryComplete(failure(e, start)))
                        .handler(chunk -> {
                            read.appendBuffer(chunk, 0, Math.min(chunk.length(), limit - read.length()));
                            if (read.length() >= limit) {
                                answer.tryComplete(new Answer(status, read.toString(), elapsedMs(start)));
                            }
                        })
                        .endHandler(end -> {
                            ended[0] = true;
                            answer.tryComplete(new Answer(status, read.toString(), elapsedMs(start)));
                        });
            });
            request.end(body);
        });
        return answer.future().onComplete(done -> vertx.cancelTimer(timer));
    }

    private static Answer failure(Throwable e, long start) {
        return new Answer(null, e.getClass().getSimpleName() + ": " + e.getMessage(), elapsedMs(start));
    }

    private static int elapsedMs(long start) {
        return (int) ((System.nanoTime() - start) / 1_000_000);
    }
}
