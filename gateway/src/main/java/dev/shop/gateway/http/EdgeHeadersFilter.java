package dev.shop.gateway.http;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Response hygiene for everything the gateway sends, proxied or its own: security headers, no server banners, no
 * caching of auth answers (they carry tokens), HSTS only when the client really came over TLS. Also resolves the
 * client address once per request.
 */
@ApplicationScoped
public class EdgeHeadersFilter {

    /** Right after the request id, so even the earliest answers (413, CORS refusals) get these headers. */
    static final int PRIORITY = RequestIdFilter.PRIORITY - 1_000;

    static final String HSTS = "max-age=31536000; includeSubDomains";
    private static final List<String> BANNERS = List.of("Server", "X-Powered-By", "X-AspNet-Version",
            "X-AspNetMvc-Version", "X-Runtime", "X-Generator");
    private static final String AUTH_PREFIX = "/api/v1/auth";
    /** Issuer metadata and public keys are meant to be cached by verifiers; everything else under auth is not. */
    private static final List<String> CACHEABLE_AUTH = List.of("/api/v1/auth/jwks",
            "/api/v1/auth/.well-known/openid-configuration");

    private final ClientAddresses clients;

    public EdgeHeadersFilter(ClientAddresses clients) {
        this.clients = clients;
    }

    void register(@Observes Filters filters) {
        filters.register(this::apply, PRIORITY);
    }

    private void apply(RoutingContext rc) {
        ClientAddresses.Client client = clients.resolve(rc.request());
        Exchange.client(rc, client);
        String path = rc.normalizedPath();
        rc.addHeadersEndHandler(v -> secure(rc.response().headers(), path, client.https()));
        rc.next();
    }

    static void secure(MultiMap headers, String path, boolean https) {
        BANNERS.forEach(headers::remove);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        if (path != null && path.startsWith("/api/")) {
            // JSON and images only: nothing under /api/ is a page to frame or run scripts in.
            headers.set("X-Frame-Options", "DENY");
            headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        }
        if (https) {
            headers.set("Strict-Transport-Security", HSTS);
        } else {
            // Over plain HTTP the header is meaningless and a service must not set it for us.
            headers.remove("Strict-Transport-Security");
        }
        if (isAuthPath(path)) {
            headers.set("Cache-Control", "no-store");
            headers.set("Pragma", "no-cache");
        }
    }

    /** Paths under {@code /api/v1/auth} whose answers get {@code Cache-Control: no-store} here (they carry tokens). */
    public static boolean isAuthPath(String path) {
        if (path == null) {
            return false;
        }
        String p = path.toLowerCase(Locale.ROOT);
        boolean underAuth = p.equals(AUTH_PREFIX) || p.startsWith(AUTH_PREFIX + "/");
        return underAuth && !CACHEABLE_AUTH.contains(p);
    }
}
