package io.gridloop.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A local stand-in for WeChat's jscode2session endpoint, so sign-in tests never reach the real
 * WeChat. Registered with the GLOBAL scope, so every test class runs against the same app start;
 * a test gets the server in a field marked {@link Server} and stubs the codes it uses.
 */
public class FakeWeChat implements QuarkusTestResourceLifecycleManager {

    public static final String APP_ID = "wx-test-app";
    public static final String SECRET = "wx-test-secret";

    /** Marks the {@link WireMockServer} field the fake is injected into. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Server {
    }

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        // threads enough to keep every sign-in of WeChatSignInTest's slow-WeChat case waiting at once
        server = new WireMockServer(options().dynamicPort().containerThreads(64));
        server.start();
        return Map.of(
                "gridloop.wechat.base-url", server.baseUrl(),
                "gridloop.wechat.app-id", APP_ID,
                "gridloop.wechat.secret", SECRET,
                // long enough for a local answer on a busy machine (1 s was not, under the fuzz test's six threads)
                "gridloop.wechat.timeout", "PT2S");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Server.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
