package dev.shop.gateway.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a request path to the service owning it. Prefixes match whole segments only, so {@code /api/v1/me} owns
 * {@code /api/v1/me} and {@code /api/v1/me/addresses} but not {@code /api/v1/media}; the longest matching prefix wins.
 * Paths must already be normalised (no {@code .} or {@code ..} segments), otherwise a client could pick the owner with
 * one prefix and have the service resolve another.
 */
public final class RouteTable {

    /** Only this part of the URI space is proxied; everything else is served by the gateway itself. */
    public static final String PROXIED_ROOT = "/api/";

    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = routes;
    }

    /**
     * Builds the table, failing fast on prefixes that could never match or that two services both claim.
     *
     * @param prefixesByService service name to the path prefixes it owns
     */
    public static RouteTable of(Map<String, List<String>> prefixesByService) {
        Map<String, String> owners = new HashMap<>();
        List<Route> routes = new ArrayList<>();
        prefixesByService.forEach((service, prefixes) -> {
            for (String prefix : prefixes) {
                String checked = checkPrefix(service, prefix);
                String previous = owners.putIfAbsent(checked, service);
                if (previous != null) {
                    throw new IllegalArgumentException(
                            "Prefix " + checked + " is claimed by both " + previous + " and " + service);
                }
                routes.add(new Route(checked, service));
            }
        });
        // Longest first, so a more specific prefix can carve a path out of a broader one.
        routes.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed()
                .thenComparing(Route::prefix));
        return new RouteTable(List.copyOf(routes));
    }

    private static String checkPrefix(String service, String prefix) {
        String p = prefix == null ? "" : prefix.strip();
        if (!p.startsWith(PROXIED_ROOT) || p.length() == PROXIED_ROOT.length() || p.endsWith("/")
                || p.contains("//") || p.contains("?") || p.contains("#")
                || p.contains("/./") || p.contains("/../") || p.endsWith("/.") || p.endsWith("/..")) {
            throw new IllegalArgumentException("Invalid prefix '" + prefix + "' for service " + service
                    + ": it must be a normalised path under " + PROXIED_ROOT + " without a trailing slash");
        }
        return p;
    }

    /** The service owning {@code normalisedPath}, if any. */
    public Optional<String> serviceFor(String normalisedPath) {
        if (normalisedPath == null) {
            return Optional.empty();
        }
        for (Route route : routes) {
            if (route.matches(normalisedPath)) {
                return Optional.of(route.service());
            }
        }
        return Optional.empty();
    }

    public List<Route> routes() {
        return routes;
    }

    /** One prefix and its owner. */
    public record Route(String prefix, String service) {

        boolean matches(String path) {
            return path.startsWith(prefix)
                    && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
        }
    }
}
