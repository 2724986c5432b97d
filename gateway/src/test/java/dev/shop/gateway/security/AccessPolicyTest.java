package dev.shop.gateway.security;

import static dev.shop.gateway.TestSupport.bearer;
import static dev.shop.gateway.TestSupport.stubCalls;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.shop.gateway.proxy.StubUpstreams;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestIssuer;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every policy class of the route table against every kind of caller, with tokens validated for real against the test
 * issuer's discovery document and JWKS.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
@WithTestResource(StubUpstreams.class)
@WithTestResource(RevokedBeforeStart.class)
class AccessPolicyTest {

    @jakarta.inject.Inject
    VerifiedTokens verifiedTokens;

    enum Caller {
        NO_TOKEN,
        CUSTOMER,
        ADMIN,
        EXPIRED,
        FOREIGN_KEY,
        ALG_NONE,
        WRONG_AUDIENCE,
        WRONG_ISSUER;

        String token() {
            String user = "policy-" + UUID.randomUUID();
            return switch (this) {
                case NO_TOKEN -> null;
                case CUSTOMER -> TestTokens.customer(user);
                case ADMIN -> TestTokens.admin(user);
                case EXPIRED -> TestTokens.forUser(user).roles("customer", "admin").expired().sign();
                case FOREIGN_KEY -> TestTokens.forUser(user).roles("customer", "admin")
                        .signedWith(TestIssuer.foreignKey()).sign();
                case ALG_NONE -> TestTokens.unsigned(user);
                case WRONG_AUDIENCE -> TestTokens.forUser(user).roles("customer", "admin").audience("other-api").sign();
                case WRONG_ISSUER -> TestTokens.forUser(user).roles("customer", "admin")
                        .issuer("http://127.0.0.1:1/elsewhere").sign();
            };
        }

        boolean bad() {
            return this != NO_TOKEN && this != CUSTOMER && this != ADMIN;
        }
    }

    /** One route per policy class; the admin one is on a running stub so an admin's call really goes through. */
    enum Route {
        PUBLIC("GET", "/api/v1/products/p-1/reviews", "catalog"),
        AUTHENTICATED("POST", "/api/v1/wishlist", "cart"),
        GUEST_CART("GET", "/api/v1/cart", "cart"),
        ADMIN("PATCH", "/api/v1/orders/o-1/status", "order"),
        UNLISTED("GET", "/api/v1/internal/stock", "catalog");

        final String method;
        final String path;
        final String service;

        Route(String method, String path, String service) {
            this.method = method;
            this.path = path;
            this.service = service;
        }

        int expected(Caller caller) {
            if (this == UNLISTED) {
                return 404;
            }
            if (caller.bad()) {
                return 401;
            }
            return switch (this) {
                case PUBLIC -> 200;
                case AUTHENTICATED -> caller == Caller.NO_TOKEN ? 401 : 201;
                // Without an X-Cart-Token (the matrix sends none) a guest-cart route needs a token like any other.
                case GUEST_CART -> caller == Caller.NO_TOKEN ? 401 : 200;
                case ADMIN -> caller == Caller.NO_TOKEN ? 401 : caller == Caller.CUSTOMER ? 403 : 200;
                default -> throw new IllegalStateException();
            };
        }
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Route route : Route.values()) {
            for (Caller caller : Caller.values()) {
                cases.add(Arguments.of(route, caller));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} route, {1}")
    @MethodSource("matrix")
    void eachPolicyClassAgainstEachKindOfCaller(Route route, Caller caller) {
        String token = caller.token();
        long callsBefore = stubCalls(route.service);

        RequestSpecification request = given().contentType("application/json").body("{}");
        if (token != null) {
            request.header("Authorization", bearer(token));
        }
        Response response = request.when().request(route.method, route.path);

        int expected = route.expected(caller);
        assertThat(response.statusCode()).as("%s %s as %s", route.method, route.path, caller).isEqualTo(expected);
        if (expected < 400) {
            assertThat(response.jsonPath().getString("service")).isEqualTo(route.service);
            assertThat(response.jsonPath().getString("path")).isEqualTo(route.path);
            if (token != null) {
                assertThat(response.jsonPath().getList("headers.authorization")).containsExactly(bearer(token));
            }
            return;
        }
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(expected);
        assertThat(response.jsonPath().getString("instance")).isEqualTo(route.path);
        assertThat(response.jsonPath().getString("traceId")).isEqualTo(response.header("X-Request-Id"));
        assertThat(response.jsonPath().getString("title")).isNotBlank();
        if (expected == 401) {
            assertThat(response.jsonPath().getString("type")).isEqualTo("/problems/unauthorized");
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer realm=\"shop\"");
            if (caller.bad()) {
                assertThat(response.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
            }
            if (caller == Caller.EXPIRED) {
                assertThat(response.jsonPath().getString("detail")).isEqualTo("The access token has expired");
            }
        } else if (expected == 403) {
            assertThat(response.jsonPath().getString("type")).isEqualTo("/problems/forbidden");
            assertThat(response.header("WWW-Authenticate")).contains("insufficient_scope");
        }
        // Refused at the edge: the service never saw the request.
        assertThat(stubCalls(route.service)).as("calls reaching %s", route.service).isEqualTo(callsBefore);
    }

    @Test
    void aCartTokenLetsAGuestReachTheirCartWithoutAnAccessToken() {
        String cartToken = "guest-cart-token-" + UUID.randomUUID();
        long before = stubCalls("cart");

        given().header("X-Cart-Token", cartToken).when().get("/api/v1/cart")
                .then().statusCode(200)
                .body("service", equalTo("cart"))
                .body("headers.x-cart-token", equalTo(List.of(cartToken)));
        given().header("X-Cart-Token", cartToken).contentType("application/json").body("{\"quantity\":2}")
                .when().patch("/api/v1/cart/items/p-1")
                .then().statusCode(200).body("path", equalTo("/api/v1/cart/items/p-1"));
        // The first add of a guest has no cart token yet.
        given().contentType("application/json").body("{}").when().post("/api/v1/cart/items")
                .then().statusCode(201).body("service", equalTo("cart"));
        assertThat(stubCalls("cart")).isEqualTo(before + 3);

        // Merging a guest cart and wishlists need a signed-in customer, cart token or not.
        given().header("X-Cart-Token", cartToken).contentType("application/json").body("{}")
                .when().post("/api/v1/cart/merge").then().statusCode(401);
        given().header("X-Cart-Token", cartToken).when().get("/api/v1/wishlist").then().statusCode(401);
        // A bad access token is refused even with a cart token: it never falls back to a guest.
        given().header("X-Cart-Token", cartToken).header("Authorization", "Bearer not.a.jwt")
                .when().get("/api/v1/cart").then().statusCode(401);
        assertThat(stubCalls("cart")).isEqualTo(before + 3);
    }

    @Test
    void aKnownPathWithAMethodNoRowAllowsIs405WithAllow() {
        long before = stubCalls("auth");
        given().header("Authorization", bearer(TestTokens.admin("u-" + UUID.randomUUID())))
                .when().delete("/api/v1/auth/login")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .header("Allow", "POST")
                .body("type", equalTo("/problems/method-not-allowed"))
                .body("detail", equalTo("DELETE is not allowed on /api/v1/auth/login"));
        given().when().put("/api/v1/orders/o-1/cancel")
                .then().statusCode(405)
                .header("Allow", "GET, HEAD, POST");
        assertThat(stubCalls("auth")).isEqualTo(before);
    }

    @Test
    void anAuthorizationHeaderThatIsNotABearerTokenIsRefusedEvenOnPublicRoutes() {
        given().header("Authorization", "Basic dXNlcjpwYXNz")
                .when().get("/api/v1/products")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"shop\", error=\"invalid_request\", "
                        + "error_description=\"The Authorization header must be 'Bearer <token>'\""));
        given().header("Authorization", "Bearer ")
                .when().get("/api/v1/products")
                .then().statusCode(401);
        given().header("Authorization", "Bearer not.a.jwt")
                .when().get("/api/v1/products")
                .then().statusCode(401)
                .body("detail", equalTo("The access token is not valid"));
    }

    @Test
    void aTokenSignedWithARotatedKeyIsAcceptedWithoutRestart() throws Exception {
        String before = TestTokens.customer("rotation-" + UUID.randomUUID());
        given().header("Authorization", bearer(before)).when().get("/api/v1/cart").then().statusCode(200);
        int fetchesBefore = TestIssuer.shared().jwksRequests();

        TestIssuer.shared().rotate();
        // A forced JWKS refetch is allowed once per second in the tests (once a minute by default).
        Thread.sleep(1_100);
        String after = TestTokens.customer("rotation-" + UUID.randomUUID());

        given().header("Authorization", bearer(after)).when().get("/api/v1/cart")
                .then().statusCode(200).body("service", equalTo("cart"));
        assertThat(TestIssuer.shared().jwksRequests()).as("JWKS fetched again for the new kid")
                .isGreaterThan(fetchesBefore);
        // The previous key stays published, so tokens issued before the rotation keep working until they expire.
        given().header("Authorization", bearer(before)).when().get("/api/v1/cart").then().statusCode(200);
    }

    @Test
    void theMostBoughtAliasIsForwardedToOrderAnalyticsWithItsQuery() {
        given().when().get("/api/v1/products/most-bought?limit=5&days=30")
                .then().statusCode(200)
                .body("service", equalTo("order"))
                .body("path", equalTo("/api/v1/analytics/most-bought"))
                .body("query", equalTo("limit=5&days=30"));
        // The product with id "most-bought-x" is still the catalog's.
        given().when().get("/api/v1/products/most-bought-x")
                .then().statusCode(200).body("service", equalTo("catalog"));
    }

    @Test
    void adminRoutesOfEveryServiceNeedTheAdminRole() {
        String customer = bearer(TestTokens.customer("c-" + UUID.randomUUID()));
        for (String[] call : new String[][] { { "POST", "/api/v1/products" }, { "DELETE", "/api/v1/brands/b-1" },
                { "PUT", "/api/v1/categories/c-1" }, { "POST", "/api/v1/products/p-1/images" },
                { "GET", "/api/v1/analytics/sales" }, { "GET", "/api/v1/admin/users" } }) {
            given().header("Authorization", customer).when().request(call[0], call[1])
                    .then().statusCode(403);
        }
        // ...while writing a review only needs a token.
        given().header("Authorization", customer).contentType("application/json").body("{\"rating\":5}")
                .when().post("/api/v1/products/p-1/reviews")
                .then().statusCode(201).body("service", equalTo("catalog"));
    }

    @Test
    void aTokenCheckedOnceIsRememberedButNoAlteredCopyOfItIs() {
        String user = "remembered-" + UUID.randomUUID();
        String token = TestTokens.customer(user);
        given().header("Authorization", bearer(token)).when().get("/api/v1/cart")
                .then().statusCode(200).body("service", equalTo("cart"));
        assertThat(verifiedTokens.recall(bearer(token))).as("remembered after its first check")
                .isNotNull().extracting(VerifiedTokens.Verified::subject).isEqualTo(java.util.Optional.of(user));
        // Its next request is answered from memory with the same rights: still no admin route.
        given().header("Authorization", bearer(token)).when().get("/api/v1/cart").then().statusCode(200);
        given().header("Authorization", bearer(token)).when().patch("/api/v1/orders/o-1/status").then().statusCode(403);

        String[] parts = token.split("\\.");
        String otherPayload = TestTokens.admin(user).split("\\.")[1];
        char last = parts[2].charAt(parts[2].length() - 2);
        List<String> altered = List.of(
                parts[0] + "." + otherPayload + "." + parts[2], // an admin's claims under the customer's signature
                parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                        + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1),
                token + "x");
        for (String copy : altered) {
            given().header("Authorization", bearer(copy)).when().patch("/api/v1/orders/o-1/status")
                    .then().statusCode(401).contentType("application/problem+json");
            given().header("Authorization", bearer(copy)).when().get("/api/v1/cart").then().statusCode(401);
            assertThat(verifiedTokens.recall(bearer(copy))).isNull();
        }
    }
}
