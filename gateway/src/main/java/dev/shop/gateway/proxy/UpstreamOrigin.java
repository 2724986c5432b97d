package dev.shop.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.httpproxy.ProxyContext;

/** Opens the request to one service and remembers it, so the response timeout can be armed on it later. */
final class UpstreamOrigin implements OriginRequestProvider {

    static final String CLIENT_REQUEST = "shop.gateway.client-request";

    private final UpstreamTarget target;

    UpstreamOrigin(UpstreamTarget target) {
        this.target = target;
    }

    @Override
    public Future<HttpClientRequest> create(ProxyContext context) {
        RequestOptions options = new RequestOptions()
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.ssl())
                // Bounds both opening a connection and waiting for a free one in a saturated pool.
                .setConnectTimeout(target.connectTimeout().toMillis());
        return context.client().request(options)
                .onSuccess(request -> context.set(CLIENT_REQUEST, request))
                .recover(failure -> Future.failedFuture(new UpstreamUnavailableException(target.name(), failure)));
    }
}
