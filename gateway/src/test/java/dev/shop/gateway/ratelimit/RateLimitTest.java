package dev.shop.gateway.ratelimit;

import static dev.shop.gateway.TestSupport.bearer;
import static dev.shop.gateway.TestSupport.stubCalls;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.shop.gateway.proxy.StubUpstreams;
import dev.shop.gateway.security.RevokedBeforeStart;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Rate limits as a client sees them, with the tiny buckets of the test profile: strict 3 per 3 s per route and IP for
 * the login, OTP and password routes; 40 per minute per user.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
@WithTestResource(StubUpstreams.class)
@WithTestResource(RevokedBeforeStart.class)
class RateLimitTest {

    @Test
    void theStrictBucketOfASignInRouteAnswers429ThenRecovers() {
        Response refused = null;
        int passed = 0;
        long start = System.nanoTime();
        for (int i = 0; i < 10 && refused == null; i++) {
            Response response = given().contentType("application/json").body("{}")
                    .when().post("/api/v1/auth/login");
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(201);
                assertThat(response.header("RateLimit-Limit")).isEqualTo("3");
                assertThat(Long.parseLong(response.header("RateLimit-Remaining"))).isBetween(0L, 2L);
                assertThat(response.header("RateLimit-Policy")).isEqualTo("3;w=3");
                passed++;
            }
        }
        assertThat(refused).as("a 429 after the bucket ran dry").isNotNull();
        // 3 up front, plus one per second of refill while the loop ran.
        assertThat(passed).isBetween(3, 3 + (int) secondsSince(start) + 1);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("type")).isEqualTo("/problems/rate-limited");
        assertThat(refused.jsonPath().getInt("status")).isEqualTo(429);
        assertThat(refused.jsonPath().getString("traceId")).isEqualTo(refused.header("X-Request-Id"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 3L);
        assertThat(refused.jsonPath().getLong("retryAfterSeconds")).isEqualTo(retryAfter);
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(refused.header("RateLimit-Reset"))).isBetween(1L, 3L);

        // A refused call never reaches the service.
        long before = stubCalls("auth");
        given().contentType("application/json").body("{}").when().post("/api/v1/auth/login")
                .then().statusCode(429);
        assertThat(stubCalls("auth")).isEqualTo(before);
        // Another sign-in route has its own bucket: people behind one address can still ask for a code.
        given().contentType("application/json").body("{}").when().post("/api/v1/auth/otp/request")
                .then().statusCode(201);

        // The bucket refills: within Retry-After (plus scheduling slack) a call goes through again.
        long deadline = System.nanoTime() + (retryAfter + 3) * 1_000_000_000L;
        int status;
        do {
            status = given().contentType("application/json").body("{}").when().post("/api/v1/auth/login")
                    .statusCode();
        } while (status == 429 && System.nanoTime() < deadline && pause(100));
        assertThat(status).as("a token came back within Retry-After").isEqualTo(201);
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void authenticatedCallersHaveABucketPerUser() {
        String alice = bearer(TestTokens.customer("alice-" + UUID.randomUUID()));
        String bob = bearer(TestTokens.customer("bob-" + UUID.randomUUID()));
        int allowed = 0;
        Response refused = null;
        long start = System.nanoTime();
        for (int i = 0; i < 60 && refused == null; i++) {
            Response response = given().header("Authorization", alice).when().get("/api/v1/wishlist");
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                allowed++;
            }
        }
        assertThat(refused).as("alice's bucket ran dry").isNotNull();
        // 40 up front, plus one per 1.5 s of refill while the loop ran.
        assertThat(allowed).isBetween(40, 40 + (int) (secondsSince(start) / 1.5) + 1);
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("40");
        assertThat(refused.header("Retry-After")).isNotBlank();

        // Bob, and anonymous callers from the same address, are not affected by alice's bucket.
        given().header("Authorization", bob).when().get("/api/v1/wishlist").then().statusCode(200)
                .header("RateLimit-Limit", "40");
        given().when().get("/api/v1/products").then().statusCode(200)
                .header("RateLimit-Limit", "100000");
    }

    private static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
