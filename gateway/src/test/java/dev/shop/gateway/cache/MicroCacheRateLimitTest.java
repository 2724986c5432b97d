package dev.shop.gateway.cache;

import static dev.shop.gateway.TestSupport.stubCalls;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.shop.gateway.proxy.StubUpstreams;
import dev.shop.gateway.security.RevokedBeforeStart;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Answers from the micro-cache still draw from the caller's bucket: the rate limit runs before the cache. */
@QuarkusTest
@TestProfile(MicroCacheRateLimitTest.SmallBrowseBucket.class)
@WithTestResource(ShopTestResources.class)
@WithTestResource(StubUpstreams.class)
@WithTestResource(RevokedBeforeStart.class)
class MicroCacheRateLimitTest {

    public static class SmallBrowseBucket implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shop.gateway.rate-limits.browse.capacity", "3",
                    "shop.gateway.rate-limits.browse.period", "10m");
        }
    }

    @Test
    void cachedAnswersCountAgainstTheBucketAndAnEmptyBucketIs429() {
        ManualClock.install();
        String url = "/api/v1/brands/cached-" + UUID.randomUUID() + "?cc="
                + URLEncoder.encode("public, max-age=30", StandardCharsets.UTF_8);
        long before = stubCalls("catalog");

        Response miss = given().urlEncodingEnabled(false).when().get(url);
        Response hit = given().urlEncodingEnabled(false).when().get(url);
        Response lastHit = given().urlEncodingEnabled(false).when().get(url);
        Response refused = given().urlEncodingEnabled(false).when().get(url);

        assertThat(miss.statusCode()).isEqualTo(200);
        assertThat(miss.header("RateLimit-Remaining")).isEqualTo("2");
        assertThat(hit.statusCode()).isEqualTo(200);
        assertThat(hit.header("Age")).isNotNull();
        assertThat(hit.header("RateLimit-Remaining")).isEqualTo("1");
        assertThat(lastHit.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("type")).isEqualTo("/problems/rate-limited");
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.header("Age")).isNull();
        assertThat(stubCalls("catalog")).isEqualTo(before + 1);
    }
}
