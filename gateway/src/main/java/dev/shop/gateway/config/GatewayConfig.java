package dev.shop.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The route table of the gateway: one entry per upstream service, keyed by the service name used in logs and problem
 * details. Each key can be overridden by environment variable, e.g. {@code SHOP_GATEWAY_UPSTREAMS_CATALOG_URL}.
 */
@ConfigMapping(prefix = "shop.gateway")
public interface GatewayConfig {

    Map<String, Upstream> upstreams();

    interface Upstream {

        /** Base URL of the service, e.g. {@code http://localhost:8082}. A path part is prepended to forwarded paths. */
        URI url();

        /**
         * Path prefixes owned by the service, matched segment by segment ({@code /api/v1/me} is not
         * {@code /api/v1/media}).
         */
        List<String> prefixes();

        /** How long the service may take to start answering once the whole request has been sent; then 504. */
        @WithDefault("10s")
        Duration timeout();

        /** Time allowed to get a connection (open one or wait for a pooled one); then 503. */
        @WithDefault("2s")
        Duration connectTimeout();

        /** A pooled connection with no traffic in either direction for this long is closed. */
        @WithDefault("60s")
        Duration idleTimeout();

        /** HTTP/1.1 connections per service; the Vert.x default of 5 caps concurrency far below what a hop carries. */
        @WithDefault("100")
        int maxPoolSize();
    }
}
