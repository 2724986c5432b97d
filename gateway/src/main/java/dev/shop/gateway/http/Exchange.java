package dev.shop.gateway.http;

import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

/**
 * What the gateway learnt about one request, kept on its routing context for the handlers that run later (proxy,
 * metrics, headers).
 */
public final class Exchange {

    private static final String CLIENT = "shop.gateway.client";
    private static final String ROUTE = "shop.gateway.route";
    private static final String UPSTREAM = "shop.gateway.upstream";
    private static final String FORWARD_PATH = "shop.gateway.forward-path";

    /** Route tag for requests that matched no policy row. */
    public static final String UNMATCHED = "unmatched";
    /** Upstream tag for requests answered by the gateway alone. */
    public static final String NONE = "none";

    private Exchange() {
    }

    public static void client(RoutingContext rc, ClientAddresses.Client client) {
        rc.put(CLIENT, client);
    }

    /** The client as resolved by {@link ClientAddresses}; the TCP peer if the edge filter did not run. */
    public static ClientAddresses.Client client(RoutingContext rc) {
        ClientAddresses.Client client = rc.get(CLIENT);
        return client != null ? client : ClientAddresses.untrusted(rc.request());
    }

    public static void routed(RoutingContext rc, String route, String upstream, String forwardPath) {
        rc.put(ROUTE, route);
        rc.put(UPSTREAM, upstream);
        rc.put(FORWARD_PATH, forwardPath);
    }

    public static String route(RoutingContext rc) {
        String route = rc.get(ROUTE);
        return route != null ? route : UNMATCHED;
    }

    public static String upstream(RoutingContext rc) {
        String upstream = rc.get(UPSTREAM);
        return upstream != null ? upstream : NONE;
    }

    /** The path sent to the service: the normalised request path, or an alias' target. */
    public static String forwardPath(RoutingContext rc) {
        String path = rc.get(FORWARD_PATH);
        return path != null ? path : rc.normalizedPath();
    }

    /**
     * The host the client called, as a service is told it in {@code X-Forwarded-Host}: what a trusted proxy said,
     * else the request's authority ({@code host[:port]}); {@code null} if neither is known.
     */
    public static String forwardedHost(RoutingContext rc) {
        String host = client(rc).forwardedHost().orElse(null);
        if (host != null) {
            return host;
        }
        HostAndPort authority = rc.request().authority();
        return authority == null ? null
                : authority.port() >= 0 ? authority.host() + ":" + authority.port() : authority.host();
    }
}
