package dev.shop.auth.api;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The client's IP for per-IP limits. Behind the gateway this is the address from {@code X-Forwarded-For}, which Quarkus
 * only honours from the trusted proxies configured in {@code quarkus.http.proxy.trusted-proxies}.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(HttpServerRequest request) {
        SocketAddress address = request.remoteAddress();
        return address == null ? null : address.hostAddress();
    }
}
