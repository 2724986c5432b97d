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
import dev.shop.testkit.ManagementInterface;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** {@code shop.gateway.micro-cache.enabled=false}: every request reaches its service, as before the cache existed. */
@QuarkusTest
@TestProfile(MicroCacheDisabledTest.CacheOff.class)
@WithTestResource(ShopTestResources.class)
@WithTestResource(StubUpstreams.class)
@WithTestResource(RevokedBeforeStart.class)
class MicroCacheDisabledTest {

    public static class CacheOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shop.gateway.micro-cache.enabled", "false");
        }
    }

    @Test
    void everyRequestReachesTheService() {
        ManualClock.install();
        String url = "/api/v1/products/cached-" + UUID.randomUUID() + "?cc="
                + URLEncoder.encode("public, max-age=30", StandardCharsets.UTF_8);
        long before = stubCalls("catalog");
        Response first = given().urlEncodingEnabled(false).when().get(url);
        Response second = given().urlEncodingEnabled(false).when().get(url);
        Response conditional = given().urlEncodingEnabled(false).header("If-None-Match", first.header("ETag"))
                .when().get(url);

        assertThat(stubCalls("catalog")).isEqualTo(before + 3);
        assertThat(second.jsonPath().getLong("call")).isEqualTo(first.jsonPath().getLong("call") + 1);
        assertThat(second.header("Age")).isNull();
        // the stub never answers 304: the conditional request went to it
        assertThat(conditional.statusCode()).isEqualTo(200);
        assertThat(ManagementInterface.given().when().get("/q/metrics").then().extract().asString())
                .doesNotContain("shop_gateway_micro_cache_total{");
    }
}
