package io.gridloop.account;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The mini-program's sign-in: the appid and secret come from the environment, never from a file. */
@ConfigMapping(prefix = "gridloop.wechat")
interface WeChatConfig {

    /** Where jscode2session is; tests point it at a local fake. */
    @WithDefault("https://api.weixin.qq.com")
    String baseUrl();

    Optional<String> appId();

    Optional<String> secret();

    @WithDefault("PT5S")
    Duration timeout();

    /** The district a resident's first WeChat sign-in joins. */
    Optional<Long> districtId();
}
