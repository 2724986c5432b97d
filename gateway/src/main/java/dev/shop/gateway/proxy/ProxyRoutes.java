package dev.shop.gateway.proxy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.shop.contracts.http.Problem;
import dev.shop.contracts.http.ProblemType;
import dev.shop.gateway.cache.MicroCache;
import dev.shop.gateway.config.GatewayConfig;
import dev.shop.gateway.http.Exchange;
import dev.shop.gateway.http.ProblemResponses;
import dev.shop.gateway.http.RequestIdFilter;
import dev.shop.gateway.metrics.RouteMetrics;
import dev.shop.gateway.policy.RoutePolicies;
import dev.shop.gateway.policy.RoutePolicy;
import dev.shop.gateway.ratelimit.RateLimiter;
import dev.shop.gateway.routing.RouteTable;
import dev.shop.gateway.security.AccessControl;
import dev.shop.gateway.security.AccessDecision;
import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyOptions;

/**
 * Mounts the reverse proxy on the Quarkus router. Every path under {@code /api/} goes through the same steps: the
 * policy table (404 / 405 for what it does not list), the access rule (401 / 403), the rate limit (429), then the
 * micro-cache (a fresh public answer already stored) or the service owning the (possibly rewritten) path.
 * {@code /q/*} stays local. No body handler runs on these routes, and Quarkus keeps the request paused until the proxy
 * pipes it, so bodies stream through without being buffered.
 */
@ApplicationScoped
public class ProxyRoutes {

    static final String BASELINE_PATH = "/baseline";
    private static final Buffer BASELINE_BODY = Buffer.buffer("{\"status\":\"ok\"}");

    private final Vertx vertx;
    private final GatewayConfig config;
    private final ProblemResponses problems;
    private final AccessControl access;
    private final RateLimiter rateLimiter;
    private final RouteMetrics metrics;
    private final MicroCache microCache;
    private final RoutePolicies policies = RoutePolicies.standard();
    private final List<HttpClient> clients = new ArrayList<>();

    public ProxyRoutes(Vertx vertx, GatewayConfig config, ProblemResponses problems, AccessControl access,
            RateLimiter rateLimiter, RouteMetrics metrics, MicroCache microCache) {
        this.vertx = vertx;
        this.config = config;
        this.problems = problems;
        this.access = access;
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
        this.microCache = microCache;
    }

    void init(@Observes Router router) {
        Map<String, List<String>> prefixes = new LinkedHashMap<>();
        Map<String, HttpProxy> proxies = new LinkedHashMap<>();
        config.upstreams().forEach((name, upstream) -> {
            UpstreamTarget target = UpstreamTarget.of(name, upstream);
            prefixes.put(name, upstream.prefixes());
            proxies.put(name, proxyTo(target, upstream.circuitBreaker()));
            Log.infof("Upstream %s at %s://%s:%d%s, prefixes %s, timeout %s, pool %d", name,
                    target.ssl() ? "https" : "http", target.host(), target.port(), target.basePath(),
                    upstream.prefixes(), target.timeoutText(), target.maxPoolSize());
        });
        RouteTable table = RouteTable.of(prefixes);
        checkEveryPolicyHasAnOwner(table);

        if (config.baseline().enabled()) {
            Log.info("GET /baseline answers a static document (benchmark baseline)");
            router.get(BASELINE_PATH).handler(ProxyRoutes::baseline);
        }
        router.route(RouteTable.PROXIED_ROOT + "*").handler(rc -> forward(rc, table, proxies));
        router.route().last().handler(rc -> problems.send(rc, ProblemType.NOT_FOUND,
                "No resource at " + rc.normalizedPath()));
        router.route().failureHandler(this::failed);
    }

    /** A policy row whose path no service owns would be a route that can never work: refuse to start. */
    private void checkEveryPolicyHasAnOwner(RouteTable table) {
        for (RoutePolicy policy : policies.rows()) {
            String path = policy.rewriteTo().orElse(policy.pattern().literalPrefix());
            if (table.serviceFor(path).isEmpty()) {
                throw new IllegalStateException("Policy " + policy.name() + " targets " + path
                        + ", which no upstream's prefixes cover");
            }
        }
    }

    private void forward(RoutingContext rc, RouteTable table, Map<String, HttpProxy> proxies) {
        String path = rc.normalizedPath();
        RoutePolicies.Decision decision = policies.decide(rc.request().method().name(), path);
        if (decision instanceof RoutePolicies.Decision.MethodNotAllowed notAllowed) {
            Problem problem = problems.problem(rc, ProblemType.METHOD_NOT_ALLOWED,
                    rc.request().method().name() + " is not allowed on " + path);
            problems.send(rc, problem, Map.of("Allow", notAllowed.allowHeader()));
            return;
        }
        if (!(decision instanceof RoutePolicies.Decision.Allowed allowed)) {
            problems.send(rc, ProblemType.NOT_FOUND, "No API at " + path);
            return;
        }
        RoutePolicy policy = allowed.policy();
        String forwardPath = policy.forwardPath(path);
        String service = table.serviceFor(forwardPath).orElseThrow();
        Exchange.routed(rc, policy.name(), service, forwardPath);
        Context context = Vertx.currentContext();
        access.check(rc, policy).subscribe().with(
                granted -> onContext(context, () -> admitted(rc, policy, granted, proxies.get(service))),
                failure -> onContext(context, () -> rc.fail(failure)));
    }

    private void admitted(RoutingContext rc, RoutePolicy policy, AccessDecision decision, HttpProxy proxy) {
        if (rc.response().ended() || rc.response().closed()) {
            return;
        }
        if (decision instanceof AccessDecision.Denied denied) {
            problems.send(rc, problems.problem(rc, denied.type(), denied.detail()), denied.challenge() == null
                    ? Map.of("Retry-After", "5")
                    : Map.of("WWW-Authenticate", denied.challenge()));
            return;
        }
        AccessDecision.Granted granted = (AccessDecision.Granted) decision;
        RateLimiter.Verdict verdict = rateLimiter.consume(policy.rateClass(), policy.name(),
                Exchange.client(rc).ip(), granted.subject());
        rc.addHeadersEndHandler(v -> {
            rc.response().headers()
                    .set("RateLimit-Limit", Long.toString(verdict.limit()))
                    .set("RateLimit-Remaining", Long.toString(verdict.remaining()))
                    .set("RateLimit-Reset", Long.toString(verdict.resetSeconds()))
                    .set("RateLimit-Policy", verdict.limit() + ";w=" + verdict.windowSeconds());
        });
        if (!verdict.allowed()) {
            Problem problem = problems.problem(rc, ProblemType.TOO_MANY_REQUESTS,
                    "Too many requests; try again in " + verdict.retryAfterSeconds() + " s")
                    .withRetryAfter(verdict.retryAfterSeconds());
            problems.send(rc, problem, Map.of("Retry-After", Long.toString(verdict.retryAfterSeconds())));
            return;
        }
        if (microCache.answer(rc, policy)) {
            return;
        }
        proxy.handle(rc.request());
    }

    /** The benchmark's ceiling: what the gateway's HTTP server and edge filters cost without any upstream. */
    private static void baseline(RoutingContext rc) {
        rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(BASELINE_BODY);
    }

    private static void onContext(Context context, Runnable action) {
        if (context == null || Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    private HttpProxy proxyTo(UpstreamTarget target, GatewayConfig.CircuitBreaker breaker) {
        HttpClientOptions options = new HttpClientOptions()
                .setName("gateway-" + target.name())
                .setKeepAlive(true)
                .setKeepAliveTimeout((int) Math.max(1, target.idleTimeout().toSeconds()))
                .setIdleTimeout((int) target.idleTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setConnectTimeout((int) target.connectTimeout().toMillis())
                .setPipelining(false)
                // Bodies pass through as the service encoded them; the client negotiates with the service.
                .setDecompressionSupported(false)
                .setTryUseCompression(false);
        if (target.ssl()) {
            options.setSsl(true).setVerifyHost(true);
        }
        HttpClient client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(target.maxPoolSize()));
        clients.add(client);
        // WebSocket tunnelling would skip the interceptors (no request id, no header rewriting); no API needs it.
        HttpProxy proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), client)
                .origin(new UpstreamOrigin(target, vertx, metrics));
        if (microCache.enabled()) {
            // First, so it sees each answer after the forwarding rules (answers pass the interceptors in reverse).
            proxy.addInterceptor(microCache.interceptor());
        }
        return proxy.addInterceptor(new ForwardingInterceptor(target, problems, circuitBreaker(target, breaker), metrics,
                config.stripRequestHeaders(), config.maxBodySize().asLongValue(),
                Math.max(1, breaker.delay().toSeconds())));
    }

    private CircuitBreaker circuitBreaker(UpstreamTarget target, GatewayConfig.CircuitBreaker breaker) {
        CircuitBreaker circuit;
        try {
            circuit = new CircuitBreaker(breaker.requestVolumeThreshold(), breaker.failureRatio(), breaker.delay(),
                    breaker.successThreshold(), System::nanoTime, state -> {
                        Log.infof("Circuit of upstream %s is now %s", target.name(), state);
                        metrics.circuitState(target.name(), state == CircuitBreaker.State.CLOSED);
                    });
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Upstream " + target.name() + ": invalid circuit-breaker settings", e);
        }
        metrics.circuitState(target.name(), true);
        return circuit;
    }

    private void failed(RoutingContext rc) {
        int status = rc.statusCode();
        if (status >= 400 && status < 500) {
            // Vert.x Web rejected the request itself (malformed, unsupported method...): the client's problem.
            problems.send(rc, ProblemType.forStatus(status), "Request rejected with status " + status);
            return;
        }
        Log.errorf(rc.failure(), "Unhandled failure on %s %s [%s]", rc.request().method(), rc.normalizedPath(),
                RequestIdFilter.requestId(rc));
        problems.send(rc, ProblemType.INTERNAL, "The gateway could not handle the request");
    }

    @PreDestroy
    void close() {
        clients.forEach(HttpClient::close);
    }
}
