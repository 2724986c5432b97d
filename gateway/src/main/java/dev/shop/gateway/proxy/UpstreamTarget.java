package dev.shop.gateway.proxy;

import java.net.URI;
import java.time.Duration;

import dev.shop.gateway.config.GatewayConfig;

/**
 * Where and how to reach one service, checked once at startup so a typo in an URL fails the boot rather than every
 * request.
 *
 * @param name the service name used in logs and problem details
 * @param basePath path of the configured URL, prepended to every forwarded path ({@code ""} when none)
 */
public record UpstreamTarget(
        String name,
        String host,
        int port,
        boolean ssl,
        String basePath,
        Duration timeout,
        Duration connectTimeout,
        Duration idleTimeout,
        int maxPoolSize,
        int connectRetries,
        Duration connectRetryDelay) {

    public static UpstreamTarget of(String name, GatewayConfig.Upstream upstream) {
        URI url = upstream.url();
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("Upstream " + name + ": URL " + url + " must be http or https");
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("Upstream " + name + ": URL " + url + " has no host");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "Upstream " + name + ": URL " + url + " must not have a query or fragment");
        }
        boolean ssl = scheme.equals("https");
        int port = url.getPort() != -1 ? url.getPort() : ssl ? 443 : 80;
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        String basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (upstream.maxPoolSize() < 1) {
            throw new IllegalArgumentException("Upstream " + name + ": max-pool-size must be at least 1");
        }
        requirePositive(name, "timeout", upstream.timeout());
        requirePositive(name, "connect-timeout", upstream.connectTimeout());
        requirePositive(name, "idle-timeout", upstream.idleTimeout());
        // The idle timeout closes the connection: if it fired first, a slow answer would surface as 502, not 504.
        if (upstream.idleTimeout().compareTo(upstream.timeout()) <= 0) {
            throw new IllegalArgumentException(
                    "Upstream " + name + ": idle-timeout must be longer than timeout (" + upstream.timeout() + ")");
        }
        if (upstream.connectRetries() < 0 || upstream.connectRetries() > 5) {
            throw new IllegalArgumentException("Upstream " + name + ": connect-retries must be between 0 and 5");
        }
        if (upstream.connectRetryDelay().isNegative()) {
            throw new IllegalArgumentException("Upstream " + name + ": connect-retry-delay must not be negative");
        }
        return new UpstreamTarget(name, url.getHost(), port, ssl, basePath, upstream.timeout(),
                upstream.connectTimeout(), upstream.idleTimeout(), upstream.maxPoolSize(), upstream.connectRetries(),
                upstream.connectRetryDelay());
    }

    private static void requirePositive(String name, String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("Upstream " + name + ": " + key + " must be positive");
        }
    }

    /** Human form of the timeout for problem details, e.g. {@code 10s} or {@code 1500ms}. */
    public String timeoutText() {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
