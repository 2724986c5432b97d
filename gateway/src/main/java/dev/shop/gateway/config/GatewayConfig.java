package dev.shop.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Typed configuration of the gateway ({@code shop.gateway.*}). Every key can be overridden by environment variable,
 * e.g. {@code SHOP_GATEWAY_UPSTREAMS_CATALOG_URL} or {@code SHOP_GATEWAY_CORS_ORIGINS}.
 */
@ConfigMapping(prefix = "shop.gateway")
public interface GatewayConfig {

    /** The route table: one entry per upstream service, keyed by the name used in logs, metrics and problems. */
    Map<String, Upstream> upstreams();

    /**
     * Addresses of the load balancers or proxies in front of the gateway, as IPs or CIDR ranges. Only a request whose
     * TCP peer is one of them has its {@code X-Forwarded-For} / {@code X-Forwarded-Proto} believed; by default none
     * is, and the client is the TCP peer.
     */
    Optional<List<String>> trustedProxies();

    /**
     * Request headers removed before a request is forwarded; a name ending in {@code -} removes every header starting
     * with it. The gateway then sets {@code X-Forwarded-*} itself.
     */
    @WithDefault("x-internal-,x-user-,x-forwarded-,forwarded,x-real-ip,x-client-ip,x-original-url,x-rewrite-url")
    List<String> stripRequestHeaders();

    /** Largest request body, checked on {@code Content-Length} and while a chunked body streams; then 413. */
    @WithDefault("10M")
    MemorySize maxBodySize();

    /**
     * Longest request line ({@code GET /path?query HTTP/1.1}), answered with a 414 problem. Must stay below
     * {@code quarkus.http.limits.max-initial-line-length}, beyond which the decoder refuses (also with a problem).
     */
    @WithDefault("8K")
    MemorySize maxRequestLine();

    /**
     * Largest total size of the request headers, answered with a 431 problem. Must stay below
     * {@code quarkus.http.limits.max-header-size}, where the HTTP decoder refuses with a bare 431.
     */
    @WithDefault("16K")
    MemorySize maxHeaderSize();

    /** After a 413 the rest of the body is read and dropped for this long, so the client can read the answer. */
    @WithDefault("5s")
    Duration discardBodyTimeout();

    Cors cors();

    RateLimits rateLimits();

    Revocation revocation();

    TokenCache tokenCache();

    Docs docs();

    Health health();

    Baseline baseline();

    MicroCache microCache();

    interface Upstream {

        /** Base URL of the service, e.g. {@code http://localhost:8082}. A path part is prepended to forwarded paths. */
        URI url();

        /**
         * Base URL of the service's management interface, where its API document is fetched from (e.g.
         * {@code http://localhost:9082}); defaults to {@link #url()}.
         */
        Optional<URI> managementUrl();

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

        /**
         * Extra attempts to connect when no connection could be had, for idempotent methods only (GET, HEAD, OPTIONS,
         * PUT, DELETE). Nothing has been sent when connecting fails, so a retry cannot duplicate a request.
         */
        @WithDefault("2")
        int connectRetries();

        /** Pause before each connect retry. */
        @WithDefault("100ms")
        Duration connectRetryDelay();

        CircuitBreaker circuitBreaker();
    }

    /**
     * Per-upstream circuit breaker (SmallRye Fault Tolerance): over the last {@code request-volume-threshold} exchanges,
     * when at least {@code failure-ratio} failed (no connection, timeout, connection dropped), the circuit opens and
     * requests get 503 without reaching the service for {@code delay}; then trial requests close it again after
     * {@code success-threshold} successes.
     */
    interface CircuitBreaker {

        @WithDefault("20")
        int requestVolumeThreshold();

        @WithDefault("0.5")
        double failureRatio();

        @WithDefault("10s")
        Duration delay();

        @WithDefault("2")
        int successThreshold();
    }

    interface Cors {

        /** Origins allowed to call with credentials. {@code *} is refused: credentials are always allowed. */
        @WithDefault("http://localhost:3000,http://localhost:5173,http://localhost:9080")
        List<String> origins();

        @WithDefault("GET,HEAD,POST,PUT,PATCH,DELETE")
        List<String> methods();

        @WithDefault("Authorization,Content-Type,Accept,Accept-Language,Idempotency-Key,If-None-Match,If-Match,Prefer,X-Request-Id,X-Cart-Token")
        List<String> headers();

        @WithDefault("X-Request-Id,Location,ETag,Preference-Applied,Retry-After,RateLimit-Limit,RateLimit-Remaining,RateLimit-Reset,RateLimit-Policy,X-Cart-Token")
        List<String> exposedHeaders();

        /** How long a browser may cache a preflight answer. */
        @WithDefault("10m")
        Duration maxAge();
    }

    interface RateLimits {

        /**
         * Public, cacheable catalogue reads (products, brands, categories, images, most bought): per client IP (per
         * user with a token). Large, because one address is often a whole office or a mobile carrier's NAT.
         */
        Limit browse();

        /** Other anonymous calls, per client IP. */
        Limit anonymous();

        /** Authenticated calls, per user ({@code sub}). */
        Limit authenticated();

        /**
         * Login, OTP and password routes, per route and client IP (auth-service adds its per-phone and per-account
         * limits behind it).
         */
        Limit strict();

        /** Buckets kept in memory at most (least recently used go first); bounds memory under an address spray. */
        @WithDefault("100000")
        long maxTrackedKeys();
    }

    /** A token bucket: {@code capacity} requests, refilled continuously at {@code capacity} per {@code period}. */
    interface Limit {

        long capacity();

        Duration period();
    }

    interface Revocation {

        /** Revoked sessions remembered at most; entries leave when their last access token has expired. */
        @WithDefault("100000")
        long maxEntries();
    }

    /**
     * Verified access tokens remembered by their exact header value (see the README, "Token validation"), so that a
     * client's next requests skip the signature check; revocation is still checked on every request.
     */
    interface TokenCache {

        /** Tokens remembered at most (least recently used go first); 0 verifies every request. */
        @WithDefault("4096")
        long maxEntries();

        /**
         * Longest time a token is remembered, whatever its own expiry: the time a token signed with a withdrawn key
         * can still pass.
         */
        @WithDefault("1m")
        Duration maxAge();
    }

    interface Docs {

        /** How long the merged API document is reused before the services are asked again. */
        @WithDefault("30s")
        Duration cacheTtl();

        /** Time each service gets to return its {@code /q/openapi}; a service that misses it is left out. */
        @WithDefault("3s")
        Duration fetchTimeout();

        /**
         * The public address of the API, put in the merged document's {@code servers}: the document is served on the
         * management interface, so Swagger UI must be told where to send the calls it tries.
         */
        @WithDefault("http://localhost:8080")
        String publicUrl();
    }

    /**
     * A static answer of the gateway itself, {@code GET /baseline}, for benchmarks: the same edge filters as every
     * request, no policy, no upstream. Off unless a benchmark turns it on.
     */
    interface Baseline {
        @WithDefault("false")
        boolean enabled();
    }

    /**
     * A short shared cache of public, cacheable GET answers in front of the upstream proxy (see the README, "Micro-cache"):
     * anonymous requests only, answers the service marked {@code public} with a {@code max-age}, kept at most
     * {@link #ttl()}.
     */
    interface MicroCache {

        /** Off: every request reaches its service (the benchmark's miss path). */
        @WithDefault("true")
        boolean enabled();

        /** Longest time an answer is reused; a shorter {@code max-age} / {@code s-maxage} of the answer wins. */
        @WithDefault("1s")
        Duration ttl();

        /** Total size of the cached answers (bodies, headers and keys); least valuable entries go first. */
        @WithDefault("32M")
        MemorySize maxBytes();

        /** Larger answers are proxied but not cached. */
        @WithDefault("256K")
        MemorySize maxEntrySize();
    }

    interface Health {

        /** Time each service gets to answer its {@code /q/health/ready}; then it is reported DOWN. */
        @WithDefault("2s")
        Duration timeout();
    }
}
