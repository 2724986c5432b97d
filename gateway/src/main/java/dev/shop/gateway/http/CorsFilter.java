package dev.shop.gateway.http;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.shop.contracts.http.ProblemType;
import dev.shop.gateway.config.GatewayConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

/**
 * CORS at the edge: origins come from an allow-list, credentials (the refresh cookie) are always allowed, so the
 * allowed origin is echoed and {@code *} is refused at startup. Preflights are answered here and never proxied; a
 * request from an origin not on the list gets a 403 problem. Requests from the gateway's own origin (Swagger UI) pass.
 * Services' own {@code Access-Control-*} headers are replaced, so exactly one policy reaches the browser.
 */
@ApplicationScoped
public class CorsFilter {

    static final int PRIORITY = EdgeHeadersFilter.PRIORITY - 1_000;

    private final Set<String> origins;
    private final Set<String> methods;
    private final Set<String> headers;
    private final String allowMethods;
    private final String allowHeaders;
    private final String exposeHeaders;
    private final String maxAge;
    private final ProblemResponses problems;

    public CorsFilter(GatewayConfig config, ProblemResponses problems) {
        GatewayConfig.Cors cors = config.cors();
        this.origins = new LinkedHashSet<>();
        for (String origin : cors.origins()) {
            String o = origin.strip();
            if (o.equals("*") || o.contains("*")) {
                throw new IllegalArgumentException(
                        "shop.gateway.cors.origins must list origins: '*' cannot be combined with credentials");
            }
            URI uri = URI.create(o);
            if (uri.getScheme() == null || uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())) {
                throw new IllegalArgumentException("CORS origin '" + o + "' must be scheme://host[:port]");
            }
            origins.add(o.toLowerCase(Locale.ROOT));
        }
        this.methods = cors.methods().stream().map(m -> m.strip().toUpperCase(Locale.ROOT))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        this.headers = cors.headers().stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        this.allowMethods = String.join(", ", methods);
        this.allowHeaders = String.join(", ", cors.headers());
        this.exposeHeaders = String.join(", ", cors.exposedHeaders());
        this.maxAge = Long.toString(cors.maxAge().toSeconds());
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        filters.register(this::apply, PRIORITY);
    }

    private void apply(RoutingContext rc) {
        String origin = rc.request().getHeader("Origin");
        if (origin == null) {
            rc.next();
            return;
        }
        boolean preflight = rc.request().method() == HttpMethod.OPTIONS
                && rc.request().getHeader("Access-Control-Request-Method") != null;
        rc.addHeadersEndHandler(v -> rc.response().headers().add("Vary", "Origin"));
        if (!isAllowed(origin, rc)) {
            problems.send(rc, ProblemType.FORBIDDEN, "Origin " + origin + " is not allowed");
            return;
        }
        if (preflight) {
            answerPreflight(rc, origin);
            return;
        }
        rc.addHeadersEndHandler(v -> {
            MultiMap out = rc.response().headers();
            removeUpstreamCors(out);
            out.set("Access-Control-Allow-Origin", origin);
            out.set("Access-Control-Allow-Credentials", "true");
            out.set("Access-Control-Expose-Headers", exposeHeaders);
        });
        rc.next();
    }

    private void answerPreflight(RoutingContext rc, String origin) {
        String method = rc.request().getHeader("Access-Control-Request-Method").strip().toUpperCase(Locale.ROOT);
        if (!methods.contains(method)) {
            problems.send(rc, ProblemType.FORBIDDEN, "Method " + method + " is not allowed for cross-origin calls");
            return;
        }
        String requested = rc.request().getHeader("Access-Control-Request-Headers");
        if (requested != null) {
            for (String header : requested.split(",")) {
                String h = header.strip().toLowerCase(Locale.ROOT);
                if (!h.isEmpty() && !headers.contains(h)) {
                    problems.send(rc, ProblemType.FORBIDDEN,
                            "Header " + header.strip() + " is not allowed for cross-origin calls");
                    return;
                }
            }
        }
        problems.discardUnreadBody(rc.request());
        rc.response().setStatusCode(204)
                .putHeader("Access-Control-Allow-Origin", origin)
                .putHeader("Access-Control-Allow-Credentials", "true")
                .putHeader("Access-Control-Allow-Methods", allowMethods)
                .putHeader("Access-Control-Allow-Headers", allowHeaders)
                .putHeader("Access-Control-Max-Age", maxAge)
                .putHeader("Vary", "Access-Control-Request-Method, Access-Control-Request-Headers")
                .end();
    }

    boolean isAllowed(String origin, RoutingContext rc) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return origins.contains(o) || isSameOrigin(o, rc);
    }

    /** Browsers send {@code Origin} on same-origin POSTs too (Swagger UI's "try it out"): those are not cross-origin. */
    private static boolean isSameOrigin(String origin, RoutingContext rc) {
        HostAndPort authority = rc.request().authority();
        if (authority == null) {
            return false;
        }
        URI uri;
        try {
            uri = URI.create(origin);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return false;
        }
        boolean https = Exchange.client(rc).https();
        int requestPort = authority.port() >= 0 ? authority.port() : https ? 443 : 80;
        int originPort = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return uri.getHost().equalsIgnoreCase(authority.host()) && originPort == requestPort
                && uri.getScheme().equals(https ? "https" : "http");
    }

    private static void removeUpstreamCors(MultiMap out) {
        List<String> names = out.names().stream()
                .filter(n -> n.toLowerCase(Locale.ROOT).startsWith("access-control-"))
                .toList();
        names.forEach(out::remove);
    }
}
