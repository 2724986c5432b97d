package dev.shop.gateway.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.shop.gateway.TestSupport;
import dev.shop.gateway.proxy.StubUpstreams;
import dev.shop.gateway.security.RevokedBeforeStart;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With {@code shop.gateway.trusted-proxies} set (here: loopback plays the load balancer in front of the gateway), the
 * client is the first untrusted hop from the right of {@code X-Forwarded-For}, and a service is told exactly that one
 * address: whatever a client wrote in front of it (to pick a fresh per-address budget at the service) never reaches
 * the service. {@code GatewayProxyTest} covers the default, where nothing is trusted.
 */
@QuarkusTest
@TestProfile(TrustedProxyForwardingTest.BehindALoadBalancer.class)
@WithTestResource(ShopTestResources.class)
@WithTestResource(StubUpstreams.class)
@WithTestResource(RevokedBeforeStart.class)
class TrustedProxyForwardingTest {

    public static class BehindALoadBalancer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shop.gateway.trusted-proxies", "127.0.0.1,10.0.0.0/8");
        }
    }

    @Test
    void onlyTheResolvedClientAddressIsForwarded() {
        // a client forged 6.6.6.6 and 7.7.7.7; the load balancer appended the real 198.51.100.23; an internal hop 10.1.2.3
        given().header("X-Forwarded-For", "6.6.6.6, 7.7.7.7, 198.51.100.23")
                .header("X-Forwarded-For", "10.1.2.3")
                .header("Authorization", TestSupport.bearer(TestSupport.customerToken()))
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("headers.x-forwarded-for", equalTo(List.of("198.51.100.23")));
    }

    @Test
    void aForgedEntryCannotChooseTheAddressAServiceCountsAgainst() {
        for (String forged : List.of("1.1.1.1", "2.2.2.2", "3.3.3.3")) {
            given().header("X-Forwarded-For", forged + ", 203.0.113.7")
                    .header("Authorization", TestSupport.bearer(TestSupport.customerToken()))
                    .when().get("/api/v1/me")
                    .then().statusCode(200)
                    .body("headers.x-forwarded-for", equalTo(List.of("203.0.113.7")));
        }
    }

    @Test
    void withoutForwardingHeadersTheLoadBalancerItselfIsTheClient() {
        given().header("Authorization", TestSupport.bearer(TestSupport.customerToken()))
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("headers.x-forwarded-for", equalTo(List.of("127.0.0.1")));
    }
}
