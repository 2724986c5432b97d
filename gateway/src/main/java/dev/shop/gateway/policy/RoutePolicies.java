package dev.shop.gateway.policy;

import static dev.shop.gateway.policy.Access.ADMIN;
import static dev.shop.gateway.policy.Access.AUTHENTICATED;
import static dev.shop.gateway.policy.Access.GUEST_CART;
import static dev.shop.gateway.policy.Access.PUBLIC;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The gateway's route policies, in one place (docs/api.md, docs/architecture.md#security-model). Rows are tried top to bottom
 * and the first whose method
 * and path match decides; so a narrower row (writing a review) sits above a broader one (catalogue writes). A request
 * that no row matches is never proxied: 404 when no row knows its path, 405 (with {@code Allow}) when rows know the
 * path but not the method. Paths are relative to {@link #API_ROOT}.
 */
public final class RoutePolicies {

    public static final String API_ROOT = "/api/v1";

    private static final String[] READ = { "GET" };
    private static final String[] WRITE = { "POST", "PUT", "PATCH", "DELETE" };
    private static final String[] ANY = { "GET", "POST", "PUT", "PATCH", "DELETE" };

    private static final RoutePolicies DEFAULT = new RoutePolicies(List.of(
            // auth-service: sign-up and sign-in flows. The ones that send an OTP or check a secret get the strict bucket.
            row(PUBLIC, RateClass.STRICT, "/auth/register", "POST"),
            row(PUBLIC, RateClass.STRICT, "/auth/register/verify", "POST"),
            row(PUBLIC, RateClass.STRICT, "/auth/otp/request", "POST"),
            row(PUBLIC, RateClass.STRICT, "/auth/otp/verify", "POST"),
            row(PUBLIC, RateClass.STRICT, "/auth/login", "POST"),
            row(PUBLIC, RateClass.STRICT, "/auth/password/forgot", "POST"),
            row(PUBLIC, RateClass.STRICT, "/auth/password/verify", "POST"),
            row(PUBLIC, RateClass.STRICT, "/auth/password/reset", "POST"),
            // The service reads the refresh cookie (and, for logout, the bearer token) itself.
            row(PUBLIC, RateClass.STANDARD, "/auth/refresh", "POST"),
            row(PUBLIC, RateClass.STANDARD, "/auth/logout", "POST"),
            row(PUBLIC, RateClass.STANDARD, "/auth/.well-known/openid-configuration", READ),
            row(PUBLIC, RateClass.STANDARD, "/auth/jwks", READ),
            // auth-service's user administration (list, block, grant or revoke admin), also used by admin-service.
            row(ADMIN, RateClass.STANDARD, "/auth/admin/**", ANY),
            row(AUTHENTICATED, RateClass.STANDARD, "/me/**", ANY),

            // order-service analytics, and the reference backends' alias for it (path rewritten, query kept).
            alias("/products/most-bought", "/analytics/most-bought"),
            row(PUBLIC, RateClass.BROWSE, "/analytics/most-bought", READ),
            row(ADMIN, RateClass.STANDARD, "/analytics/sales", READ),

            // catalog-service: reads are public; writing a review needs a token; every other write is admin's.
            row(PUBLIC, RateClass.BROWSE, "/brands/**", READ),
            row(PUBLIC, RateClass.BROWSE, "/categories/**", READ),
            row(PUBLIC, RateClass.BROWSE, "/products/**", READ),
            row(PUBLIC, RateClass.BROWSE, "/media/**", READ),
            row(AUTHENTICATED, RateClass.STANDARD, "/products/*/reviews/**", WRITE),
            row(ADMIN, RateClass.STANDARD, "/brands/**", WRITE),
            row(ADMIN, RateClass.STANDARD, "/categories/**", WRITE),
            row(ADMIN, RateClass.STANDARD, "/products/**", WRITE),

            // cart-service: a guest's cart by its X-Cart-Token, which the first anonymous add issues; merging a guest
            // cart needs the signed-in customer.
            row(AUTHENTICATED, RateClass.STANDARD, "/cart/merge", "POST"),
            row(PUBLIC, RateClass.STANDARD, "/cart/items", "POST"),
            row(GUEST_CART, RateClass.STANDARD, "/cart/**", ANY),
            row(AUTHENTICATED, RateClass.STANDARD, "/wishlist/**", ANY),

            // order-service
            row(AUTHENTICATED, RateClass.STANDARD, "/orders", "GET", "POST"),
            row(AUTHENTICATED, RateClass.STANDARD, "/orders/**", READ),
            row(AUTHENTICATED, RateClass.STANDARD, "/orders/*/cancel", "POST"),
            row(AUTHENTICATED, RateClass.STANDARD, "/orders/*/payment", "POST"),
            row(AUTHENTICATED, RateClass.STANDARD, "/orders/*/payment/confirm", "POST"),
            row(ADMIN, RateClass.STANDARD, "/orders/*/status", "PATCH"),
            // Payment providers call in without a token; the service verifies their signature.
            row(PUBLIC, RateClass.STANDARD, "/payments/webhooks/**", "POST"),
            // Customers check a code against their cart; everything else about coupons is the admin's.
            row(AUTHENTICATED, RateClass.STANDARD, "/coupons/*/check", "POST"),
            row(ADMIN, RateClass.STANDARD, "/coupons/**", ANY),

            // admin-service
            row(ADMIN, RateClass.STANDARD, "/admin/**", ANY)));

    private final List<RoutePolicy> rows;

    RoutePolicies(List<RoutePolicy> rows) {
        this.rows = List.copyOf(rows);
    }

    /** The table the gateway enforces. */
    public static RoutePolicies standard() {
        return DEFAULT;
    }

    public List<RoutePolicy> rows() {
        return rows;
    }

    /** What to do with {@code method} on the normalised {@code path}. */
    public Decision decide(String method, String path) {
        String[] segments = PathPattern.segmentsOf(path);
        if (segments == null) {
            return new Decision.NotFound();
        }
        for (RoutePolicy row : rows) {
            if (row.allowsMethod(method) && row.pattern().matches(segments)) {
                return new Decision.Allowed(row);
            }
        }
        Set<String> allowed = new TreeSet<>();
        for (RoutePolicy row : rows) {
            if (row.pattern().matches(segments)) {
                allowed.addAll(row.methods());
                if (row.methods().contains("GET")) {
                    allowed.add("HEAD");
                }
            }
        }
        return allowed.isEmpty() ? new Decision.NotFound() : new Decision.MethodNotAllowed(allowed);
    }

    private static RoutePolicy row(Access access, RateClass rateClass, String path, String... methods) {
        Set<String> set = new LinkedHashSet<>();
        Arrays.stream(methods).map(m -> m.toUpperCase(Locale.ROOT)).forEach(set::add);
        return new RoutePolicy(Set.copyOf(set), PathPattern.of(API_ROOT + path), access, rateClass, Optional.empty());
    }

    private static RoutePolicy alias(String path, String target) {
        return new RoutePolicy(Set.of("GET"), PathPattern.of(API_ROOT + path), PUBLIC, RateClass.BROWSE,
                Optional.of(API_ROOT + target));
    }

    /** The outcome of looking a request up in the table. */
    public sealed interface Decision {

        /** A row allows the request (subject to its access rule). */
        record Allowed(RoutePolicy policy) implements Decision {
        }

        /** No row knows the path. */
        record NotFound() implements Decision {
        }

        /** Rows know the path, but none allows the method. */
        record MethodNotAllowed(Set<String> allowed) implements Decision {

            public String allowHeader() {
                return String.join(", ", new ArrayList<>(allowed));
            }
        }
    }
}
