package io.reactiveledger.http;

import com.typesafe.config.Config;
import java.time.Duration;

/** {@code ledger.http} (see {@code ledger.conf}). */
public record HttpSettings(boolean enabled, String host, int port, long maxBodyBytes, Duration askTimeout,
                           Duration commitWaitDefault, Duration commitWaitMax, Duration readyMaxBlockAge,
                           Duration sseKeepAlive, Duration retryAfter, int readyMaxIndexLag) {
    public static final String PATH = "ledger.http";

    public static HttpSettings fromConfig(Config config) {
        Config c = config.getConfig(PATH);
        return new HttpSettings(c.getBoolean("enabled"), c.getString("host"), c.getInt("port"),
                c.getBytes("max-body-bytes"), c.getDuration("ask-timeout"), c.getDuration("commit-wait-default"),
                c.getDuration("commit-wait-max"), c.getDuration("ready-max-block-age"), c.getDuration("sse-keep-alive"),
                c.getDuration("retry-after"), c.getInt("ready-max-index-lag"));
    }
}
