package dev.shop.gateway.metrics;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.shop.gateway.http.Exchange;
import dev.shop.gateway.http.RequestIdFilter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Metrics of the API traffic on {@code /q/metrics}: {@code gateway_requests_seconds} (count, sum and histogram
 * buckets) per policy route, method, upstream and status, whoever answered (service or gateway). The route tag is the
 * policy row's pattern, never the raw path, so the number of series stays bounded. Plus connect retries and circuit
 * breaker state per upstream.
 */
@ApplicationScoped
public class RouteMetrics {

    /** Before everything else, so the time includes the gateway's own work. */
    static final int PRIORITY = RequestIdFilter.PRIORITY + 1_000;
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final String[] STATUS_TEXT = new String[500];
    private static final Duration[] BUCKETS = { Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10) };

    /** What the micro-cache did with a request that reached the proxy step. */
    public enum CacheResult {
        /** Answered from the cache; the service was not called. */
        HIT,
        /**
         * Could have been answered from the cache but was not (nothing fresh stored, or the client asked for a fresh
         * answer): the service was called.
         */
        MISS,
        /** Not for the cache (a token, a cookie, not a public GET...): the service was called. */
        BYPASS;

        final String tag = name().toLowerCase(Locale.ROOT);
    }

    /** The tags of one series of {@code gateway.requests}. */
    private record Series(String route, String method, String upstream, String status) {
    }

    private final MeterRegistry registry;
    private final ConcurrentMap<String, AtomicInteger> circuitOpen = new ConcurrentHashMap<>();
    /**
     * The timers already registered, so a request looks its series up in one map instead of building a meter id
     * (tags sorted, histogram configuration) and asking the registry every time.
     */
    private final ConcurrentMap<Series, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> retries = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> rejections = new ConcurrentHashMap<>();
    /** Micro-cache counters per route, indexed by {@link CacheResult#ordinal()}. */
    private final ConcurrentMap<String, Counter[]> cacheResults = new ConcurrentHashMap<>();

    static {
        for (int i = 0; i < STATUS_TEXT.length; i++) {
            STATUS_TEXT[i] = Integer.toString(i + 100);
        }
    }

    public RouteMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void register(@Observes Filters filters) {
        filters.register(this::time, PRIORITY);
    }

    private void time(RoutingContext rc) {
        if (rc.normalizedPath().startsWith("/api/")) {
            long start = System.nanoTime();
            rc.addEndHandler(ar -> record(rc, System.nanoTime() - start));
        }
        rc.next();
    }

    private void record(RoutingContext rc, long nanos) {
        String method = rc.request().method().name();
        String status = rc.response().closed() && !rc.response().ended() ? "aborted"
                : statusText(rc.response().getStatusCode());
        Series series = new Series(Exchange.route(rc), METHODS.contains(method) ? method : "OTHER",
                Exchange.upstream(rc), status);
        Timer timer = timers.get(series);
        if (timer == null) {
            timer = timers.computeIfAbsent(series, s -> Timer.builder("gateway.requests")
                    .description("API requests through the gateway, by policy route, upstream and status")
                    .tag("route", s.route())
                    .tag("method", s.method())
                    .tag("upstream", s.upstream())
                    .tag("status", s.status())
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry));
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private static String statusText(int status) {
        return status >= 100 && status < 600 ? STATUS_TEXT[status - 100] : Integer.toString(status);
    }

    /** Counts a connect retry to {@code upstream}. */
    public void retried(String upstream) {
        retries.computeIfAbsent(upstream, name -> Counter.builder("gateway.upstream.connect.retries")
                .description("Connect attempts repeated after a failed connection, idempotent methods only")
                .tag("upstream", name)
                .register(registry))
                .increment();
    }

    /** Counts a request refused because the circuit of {@code upstream} is open. */
    public void shortCircuited(String upstream) {
        rejections.computeIfAbsent(upstream, name -> Counter.builder("gateway.upstream.circuit.rejections")
                .description("Requests answered 503 without calling the service because its circuit is open")
                .tag("upstream", name)
                .register(registry))
                .increment();
    }

    /** Reports the circuit state of {@code upstream}: 1 while open or half-open, 0 when closed. */
    public void circuitState(String upstream, boolean closed) {
        circuitOpen.computeIfAbsent(upstream, name -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("gateway.upstream.circuit.open", value, AtomicInteger::get)
                    .description("1 while the upstream's circuit breaker is open or half-open")
                    .tag("upstream", name)
                    .register(registry);
            return value;
        }).set(closed ? 0 : 1);
    }

    /** Counts what the micro-cache did with a request on {@code route} ({@code shop_gateway_micro_cache_total}). */
    public void microCache(String route, CacheResult result) {
        Counter[] counters = cacheResults.get(route);
        if (counters == null) {
            counters = cacheResults.computeIfAbsent(route, r -> {
                CacheResult[] results = CacheResult.values();
                Counter[] created = new Counter[results.length];
                for (CacheResult each : results) {
                    created[each.ordinal()] = Counter.builder("shop.gateway.micro.cache")
                            .description("Requests at the proxy step by what the micro-cache did: answered (hit), "
                                    + "called the service for a cacheable request (miss), not for the cache (bypass)")
                            .tag("route", r)
                            .tag("result", each.tag)
                            .register(registry);
                }
                return created;
            });
        }
        counters[result.ordinal()].increment();
    }
}
