package dev.shop.gateway.policy;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One row of the policy table: which methods on which paths, who may call them, which rate bucket they use, and
 * optionally the path they are forwarded to (an alias).
 *
 * @param methods upper-case HTTP methods; a row allowing {@code GET} allows {@code HEAD} too
 * @param pattern the full path pattern, e.g. {@code /api/v1/products/**}
 * @param access who may call
 * @param rateClass the rate-limit bucket
 * @param rewriteTo for an alias: the path the request is forwarded to instead of its own
 */
public record RoutePolicy(Set<String> methods, PathPattern pattern, Access access, RateClass rateClass,
        Optional<String> rewriteTo) {

    public boolean allowsMethod(String method) {
        String m = method.toUpperCase(Locale.ROOT);
        return methods.contains(m) || (m.equals("HEAD") && methods.contains("GET"));
    }

    /** The pattern as written, used as the {@code route} tag of metrics (bounded cardinality). */
    public String name() {
        return pattern.toString();
    }

    /** The path to forward {@code path} to: itself, or the alias target. */
    public String forwardPath(String path) {
        return rewriteTo.orElse(path);
    }
}
