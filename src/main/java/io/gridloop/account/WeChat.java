package io.gridloop.account;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.smallrye.mutiny.Uni;

/**
 * WeChat's mini-program login (jscode2session): trades the code from wx.login for the user's
 * openid. Every way WeChat can fail becomes a clear problem for the client, never a 500.
 */
@ApplicationScoped
class WeChat {

    private static final Logger LOG = Logger.getLogger(WeChat.class);
    private static final int CODE_INVALID = 40029;
    private static final int CODE_USED = 40163;
    private static final int RATE_LIMITED = 45011;
    private static final int BUSY = -1;

    private final String baseUrl;
    private final Optional<String> appId;
    private final Optional<String> secret;
    private final Duration timeout;
    private final ObjectMapper json;
    private final HttpClient http;

    WeChat(WeChatConfig config, ObjectMapper json) {
        String baseUrl = config.baseUrl();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.appId = config.appId();
        this.secret = config.secret();
        this.timeout = config.timeout();
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * The openid for a wx.login code, once WeChat has answered: the request is sent without holding a thread
     * while WeChat takes its time (up to the timeout), so sign-ins waiting on a slow WeChat hold up nothing else.
     */
    Uni<String> openIdFor(String code) {
        if (appId.isEmpty() || secret.isEmpty()) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.WECHAT_UNAVAILABLE, "field.wechat-not-configured"));
        }
        URI uri = URI.create(baseUrl + "/sns/jscode2session?appid=" + encode(appId.get()) + "&secret=" + encode(secret.get())
                + "&js_code=" + encode(code) + "&grant_type=authorization_code");
        return Uni.createFrom().completionStage(() -> http.sendAsync(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)))
                .onFailure(IOException.class).transform(this::unavailable)
                .map(this::openIdFrom);
    }

    private ProblemException unavailable(Throwable failure) {
        if (failure instanceof HttpTimeoutException) {
            LOG.warnf("WeChat jscode2session timed out after %s", timeout);
        } else {
            LOG.warnf("WeChat jscode2session unreachable: %s", failure.toString());
        }
        return ProblemException.retryAfter(ProblemType.WECHAT_UNAVAILABLE, 5, "wechat-unavailable.detail");
    }

    private String openIdFrom(HttpResponse<String> response) {
        JsonNode body;
        try {
            body = response.statusCode() == 200 ? json.readTree(response.body()) : null;
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            LOG.warnf("WeChat jscode2session answered %d with an unreadable body", response.statusCode());
            throw new ProblemException(ProblemType.WECHAT_BAD_GATEWAY, "wechat-bad-gateway.detail");
        }
        int errcode = body.path("errcode").asInt(0);
        switch (errcode) {
            case 0 -> {
                String openId = body.path("openid").asText("");
                if (openId.isEmpty() || openId.length() > 128) {
                    throw new ProblemException(ProblemType.WECHAT_BAD_GATEWAY, "wechat-bad-gateway.detail");
                }
                return openId;
            }
            case CODE_INVALID, CODE_USED -> throw new ProblemException(ProblemType.WECHAT_CODE_INVALID, "wechat-code-invalid.detail");
            case RATE_LIMITED -> throw ProblemException.retryAfter(ProblemType.WECHAT_RATE_LIMITED, 60, "wechat-rate-limited.detail");
            case BUSY -> throw ProblemException.retryAfter(ProblemType.WECHAT_UNAVAILABLE, 5, "wechat-unavailable.detail");
            default -> {
                LOG.warnf("WeChat jscode2session refused with errcode %d: %s", errcode, body.path("errmsg").asText());
                throw new ProblemException(ProblemType.WECHAT_BAD_GATEWAY, "wechat-bad-gateway.detail");
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
