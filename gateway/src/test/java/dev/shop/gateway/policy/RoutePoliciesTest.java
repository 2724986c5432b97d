package dev.shop.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoutePoliciesTest {

    private final RoutePolicies table = RoutePolicies.standard();

    @Test
    void patternsMatchWholeSegments() {
        PathPattern brands = PathPattern.of("/api/v1/brands/**");
        assertThat(brands.matches("/api/v1/brands")).isTrue();
        assertThat(brands.matches("/api/v1/brands/")).isTrue();
        assertThat(brands.matches("/api/v1/brands/b-1/models")).isTrue();
        assertThat(brands.matches("/api/v1/brandsx")).isFalse();
        assertThat(brands.matches("/api/v1/brands//x")).isFalse();

        PathPattern reviews = PathPattern.of("/api/v1/products/*/reviews/**");
        assertThat(reviews.matches("/api/v1/products/p-1/reviews")).isTrue();
        assertThat(reviews.matches("/api/v1/products/p-1/reviews/r-1")).isTrue();
        assertThat(reviews.matches("/api/v1/products/reviews")).isFalse();
        assertThat(reviews.literalPrefix()).isEqualTo("/api/v1/products");

        PathPattern exact = PathPattern.of("/api/v1/orders");
        assertThat(exact.matches("/api/v1/orders")).isTrue();
        assertThat(exact.matches("/api/v1/orders/o-1")).isFalse();
    }

    @Test
    void invalidPatternsAreRefused() {
        for (String bad : new String[] { "api/v1/x", "/api/v1/x/", "/api/**/x", "/api/v1/x*", "/api//x" }) {
            assertThatThrownBy(() -> PathPattern.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void publicRoutes() {
        for (String[] call : new String[][] { { "POST", "/api/v1/auth/login" }, { "POST", "/api/v1/auth/register" },
                { "POST", "/api/v1/auth/otp/verify" }, { "POST", "/api/v1/auth/refresh" },
                { "POST", "/api/v1/auth/logout" }, { "GET", "/api/v1/auth/jwks" },
                { "GET", "/api/v1/auth/.well-known/openid-configuration" }, { "GET", "/api/v1/brands" },
                { "GET", "/api/v1/brands/b-1/models" }, { "GET", "/api/v1/categories" },
                { "GET", "/api/v1/products" }, { "HEAD", "/api/v1/products/p-1" },
                { "GET", "/api/v1/products/p-1/reviews" }, { "GET", "/api/v1/media/i-1" },
                { "GET", "/api/v1/analytics/most-bought" }, { "GET", "/api/v1/products/most-bought" },
                { "POST", "/api/v1/payments/webhooks/stripe" }, { "POST", "/api/v1/cart/items" } }) {
            assertThat(access(call)).as("%s %s", call[0], call[1]).isEqualTo(Access.PUBLIC);
        }
    }

    @Test
    void authenticatedRoutes() {
        for (String[] call : new String[][] { { "GET", "/api/v1/me" }, { "PATCH", "/api/v1/me" },
                { "POST", "/api/v1/me/addresses" }, { "DELETE", "/api/v1/me/addresses/a-1" },
                { "POST", "/api/v1/cart/merge" }, { "GET", "/api/v1/wishlist" }, { "POST", "/api/v1/wishlist" },
                { "DELETE", "/api/v1/wishlist/p-1" }, { "POST", "/api/v1/wishlist/p-1/move-to-cart" },
                { "GET", "/api/v1/orders" },
                { "POST", "/api/v1/orders" }, { "GET", "/api/v1/orders/o-1" }, { "POST", "/api/v1/orders/o-1/cancel" },
                { "POST", "/api/v1/orders/o-1/payment" }, { "POST", "/api/v1/orders/o-1/payment/confirm" },
                { "POST", "/api/v1/coupons/DIWALI10/check" }, { "POST", "/api/v1/products/p-1/reviews" },
                { "PUT", "/api/v1/products/p-1/reviews/r-1" }, { "DELETE", "/api/v1/products/p-1/reviews/r-1" } }) {
            assertThat(access(call)).as("%s %s", call[0], call[1]).isEqualTo(Access.AUTHENTICATED);
        }
    }

    @Test
    void guestCartRoutes() {
        for (String[] call : new String[][] { { "GET", "/api/v1/cart" }, { "DELETE", "/api/v1/cart" },
                { "PATCH", "/api/v1/cart/items/p-1" }, { "DELETE", "/api/v1/cart/items/p-1" } }) {
            assertThat(access(call)).as("%s %s", call[0], call[1]).isEqualTo(Access.GUEST_CART);
        }
    }

    @Test
    void adminRoutes() {
        for (String[] call : new String[][] { { "GET", "/api/v1/admin/users" }, { "POST", "/api/v1/admin/x/y" },
                { "POST", "/api/v1/brands" }, { "DELETE", "/api/v1/brands/b-1" }, { "PUT", "/api/v1/categories/c" },
                { "POST", "/api/v1/products" }, { "PATCH", "/api/v1/products/p-1" },
                { "POST", "/api/v1/products/p-1/images" }, { "PATCH", "/api/v1/orders/o-1/status" },
                { "GET", "/api/v1/analytics/sales" }, { "GET", "/api/v1/auth/admin/users" },
                { "POST", "/api/v1/auth/admin/users/u-1/block" }, { "DELETE", "/api/v1/auth/admin/users/u-1/roles/admin" },
                { "GET", "/api/v1/coupons" }, { "POST", "/api/v1/coupons" }, { "GET", "/api/v1/coupons/DIWALI10" },
                { "PUT", "/api/v1/coupons/DIWALI10" }, { "DELETE", "/api/v1/coupons/DIWALI10" } }) {
            assertThat(access(call)).as("%s %s", call[0], call[1]).isEqualTo(Access.ADMIN);
        }
    }

    @Test
    void unlistedPathsAreNotFoundAndUnlistedMethodsNotAllowed() {
        assertThat(table.decide("GET", "/api/v1/internal/stock")).isInstanceOf(RoutePolicies.Decision.NotFound.class);
        assertThat(table.decide("GET", "/api/v1/analytics/secret")).isInstanceOf(RoutePolicies.Decision.NotFound.class);
        assertThat(table.decide("GET", "/api/v1/payments/refunds")).isInstanceOf(RoutePolicies.Decision.NotFound.class);

        RoutePolicies.Decision login = table.decide("GET", "/api/v1/auth/login");
        assertThat(login).isInstanceOf(RoutePolicies.Decision.MethodNotAllowed.class);
        assertThat(((RoutePolicies.Decision.MethodNotAllowed) login).allowHeader()).isEqualTo("POST");
        assertThat(table.decide("TRACE", "/api/v1/products")).isInstanceOf(RoutePolicies.Decision.MethodNotAllowed.class);
        assertThat(table.decide("OPTIONS", "/api/v1/cart")).isInstanceOf(RoutePolicies.Decision.MethodNotAllowed.class);
        assertThat(table.decide("PUT", "/api/v1/orders/o-1"))
                .isInstanceOf(RoutePolicies.Decision.MethodNotAllowed.class);
        assertThat(table.decide("PATCH", "/api/v1/orders/o-1/payment"))
                .isInstanceOf(RoutePolicies.Decision.MethodNotAllowed.class);
        assertThat(table.decide("GET", "/api/v1/payments/webhooks/fake-card"))
                .isInstanceOf(RoutePolicies.Decision.MethodNotAllowed.class);
    }

    @Test
    void theSignInRoutesUseTheStrictBucket() {
        for (String path : new String[] { "/api/v1/auth/login", "/api/v1/auth/otp/request", "/api/v1/auth/otp/verify",
                "/api/v1/auth/password/forgot", "/api/v1/auth/password/verify", "/api/v1/auth/password/reset" }) {
            assertThat(policy("POST", path).rateClass()).as(path).isEqualTo(RateClass.STRICT);
        }
        assertThat(policy("POST", "/api/v1/auth/refresh").rateClass()).isEqualTo(RateClass.STANDARD);
        assertThat(policy("GET", "/api/v1/me").rateClass()).isEqualTo(RateClass.STANDARD);
    }

    @Test
    void publicCatalogueReadsUseTheBrowseBucket() {
        for (String path : new String[] { "/api/v1/products", "/api/v1/products/p-1/reviews", "/api/v1/brands/b-1",
                "/api/v1/categories", "/api/v1/media/img-1", "/api/v1/products/most-bought",
                "/api/v1/analytics/most-bought" }) {
            assertThat(policy("GET", path).rateClass()).as(path).isEqualTo(RateClass.BROWSE);
        }
        // writes to the catalogue are not browsing
        assertThat(policy("POST", "/api/v1/products").rateClass()).isEqualTo(RateClass.STANDARD);
        assertThat(policy("POST", "/api/v1/products/p-1/reviews").rateClass()).isEqualTo(RateClass.STANDARD);
    }

    @Test
    void theMostBoughtAliasRewritesToOrderAnalytics() {
        RoutePolicy alias = policy("GET", "/api/v1/products/most-bought");
        assertThat(alias.forwardPath("/api/v1/products/most-bought")).isEqualTo("/api/v1/analytics/most-bought");
        assertThat(policy("GET", "/api/v1/products/p-1").forwardPath("/api/v1/products/p-1"))
                .isEqualTo("/api/v1/products/p-1");
    }

    private Access access(String[] call) {
        return policy(call[0], call[1]).access();
    }

    private RoutePolicy policy(String method, String path) {
        RoutePolicies.Decision decision = table.decide(method, path);
        assertThat(decision).as("%s %s", method, path).isInstanceOf(RoutePolicies.Decision.Allowed.class);
        return ((RoutePolicies.Decision.Allowed) decision).policy();
    }
}
