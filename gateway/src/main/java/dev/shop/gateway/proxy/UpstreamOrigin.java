package dev.shop.gateway.proxy;

import java.util.Set;

import dev.shop.gateway.metrics.RouteMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.httpproxy.ProxyContext;

/**
 * Opens the request to one service and remembers it, so the response timeout can be armed on it later. When no
 * connection can be had, an idempotent request tries again a bounded number of times: nothing was sent yet, and the
 * methods that may be repeated are the ones HTTP defines as idempotent.
 */
final class UpstreamOrigin implements OriginRequestProvider {

    static final String CLIENT_REQUEST = "shop.gateway.client-request";
    static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.PUT, HttpMethod.DELETE);

    private final UpstreamTarget target;
    private final Vertx vertx;
    private final RouteMetrics metrics;

    UpstreamOrigin(UpstreamTarget target, Vertx vertx, RouteMetrics metrics) {
        this.target = target;
        this.vertx = vertx;
        this.metrics = metrics;
    }

    @Override
    public Future<HttpClientRequest> create(ProxyContext context) {
        RequestOptions options = new RequestOptions()
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.ssl())
                // Bounds both opening a connection and waiting for a free one in a saturated pool.
                .setConnectTimeout(target.connectTimeout().toMillis());
        int retries = IDEMPOTENT.contains(context.request().getMethod()) ? target.connectRetries() : 0;
        return connect(context, options, retries)
                .onSuccess(request -> {
                    context.set(CLIENT_REQUEST, request);
                    // Failures surface through the response future and become problems; without a handler Vert.x
                    // would also log each reset (e.g. a body over the limit) as an error.
                    request.exceptionHandler(failure -> {
                    });
                });
    }

    private Future<HttpClientRequest> connect(ProxyContext context, RequestOptions options, int retriesLeft) {
        return context.client().request(options).recover(failure -> {
            if (retriesLeft <= 0 || context.request().proxiedRequest().response().closed()) {
                return Future.failedFuture(new UpstreamUnavailableException(target.name(), failure));
            }
            metrics.retried(target.name());
            Promise<HttpClientRequest> next = Promise.promise();
            long delay = Math.max(1, target.connectRetryDelay().toMillis());
            vertx.setTimer(delay, id -> connect(context, options, retriesLeft - 1).onComplete(next));
            return next.future();
        });
    }
}
