package dev.shop.gateway.proxy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.shop.contracts.http.ProblemType;
import dev.shop.gateway.config.GatewayConfig;
import dev.shop.gateway.http.ProblemResponses;
import dev.shop.gateway.http.RequestIdFilter;
import dev.shop.gateway.routing.RouteTable;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyOptions;

/**
 * Mounts the reverse proxy on the Quarkus router: every path under {@code /api/} goes to the service owning its prefix,
 * or gets a 404 problem without any upstream call. {@code /q/*} stays local. No body handler runs on these routes, and
 * Quarkus keeps the request paused until the proxy pipes it, so bodies stream through without being buffered.
 */
@ApplicationScoped
public class ProxyRoutes {

    private final Vertx vertx;
    private final GatewayConfig config;
    private final ProblemResponses problems;
    private final List<HttpClient> clients = new ArrayList<>();

    public ProxyRoutes(Vertx vertx, GatewayConfig config, ProblemResponses problems) {
        this.vertx = vertx;
        this.config = config;
        this.problems = problems;
    }

    void init(@Observes Router router) {
        Map<String, List<String>> prefixes = new LinkedHashMap<>();
        Map<String, HttpProxy> proxies = new LinkedHashMap<>();
        config.upstreams().forEach((name, upstream) -> {
            UpstreamTarget target = UpstreamTarget.of(name, upstream);
            prefixes.put(name, upstream.prefixes());
            proxies.put(name, proxyTo(target));
            Log.infof("Upstream %s at %s://%s:%d%s, prefixes %s, timeout %s, pool %d", name,
                    target.ssl() ? "https" : "http", target.host(), target.port(), target.basePath(),
                    upstream.prefixes(), target.timeoutText(), target.maxPoolSize());
        });
        RouteTable table = RouteTable.of(prefixes);

        router.route(RouteTable.PROXIED_ROOT + "*").handler(rc -> forward(rc, table, proxies));
        router.route().last().handler(rc -> problems.send(rc, ProblemType.NOT_FOUND,
                "No resource at " + rc.normalizedPath()));
        router.route().failureHandler(this::failed);
    }

    private void forward(RoutingContext rc, RouteTable table, Map<String, HttpProxy> proxies) {
        Optional<String> service = table.serviceFor(rc.normalizedPath());
        if (service.isEmpty()) {
            problems.send(rc, ProblemType.NOT_FOUND, "No API at " + rc.normalizedPath());
            return;
        }
        proxies.get(service.get()).handle(rc.request());
    }

    private HttpProxy proxyTo(UpstreamTarget target) {
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
        return HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), client)
                .origin(new UpstreamOrigin(target))
                .addInterceptor(new ForwardingInterceptor(target, problems));
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
