package dev.shop.gateway.metrics;

import java.time.Duration;
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
    private static final Duration[] BUCKETS = { Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10) };

    private final MeterRegistry registry;
    private final ConcurrentMap<String, AtomicInteger> circuitOpen = new ConcurrentHashMap<>();

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
        int status = rc.response().getStatusCode();
        Timer.builder("gateway.requests")
                .description("API requests through the gateway, by policy route, upstream and status")
                .tag("route", Exchange.route(rc))
                .tag("method", METHODS.contains(method) ? method : "OTHER")
                .tag("upstream", Exchange.upstream(rc))
                .tag("status", rc.response().closed() && !rc.response().ended() ? "aborted" : Integer.toString(status))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts a connect retry to {@code upstream}. */
    public void retried(String upstream) {
        Counter.builder("gateway.upstream.connect.retries")
                .description("Connect attempts repeated after a failed connection, idempotent methods only")
                .tag("upstream", upstream)
                .register(registry)
                .increment();
    }

    /** Counts a request refused because the circuit of {@code upstream} is open. */
    public void shortCircuited(String upstream) {
        Counter.builder("gateway.upstream.circuit.rejections")
                .description("Requests answered 503 without calling the service because its circuit is open")
                .tag("upstream", upstream)
                .register(registry)
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
}
