package dev.shop.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * auth-service believes {@code X-Forwarded-For} only from its trusted proxies (the gateway). Here the gateway is
 * somewhere else (10.9.9.9), so a caller on loopback is not it: whatever address it claims, its requests count against
 * its own address.
 */
@QuarkusTest
@TestProfile(ForwardedForTrustTest.GatewayElsewhere.class)
@WithTestResource(ShopTestResources.class)
class ForwardedForTrustTest {

    public static class GatewayElsewhere implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.trusted-proxies", "10.9.9.9", "shop.auth.otp.per-ip-per-hour", "5");
        }
    }

    @Test
    void aForgedForwardedForFromAnUntrustedPeerDoesNotResetThePerAddressBudget() {
        for (int i = 0; i < 5; i++) {
            request(AuthApi.newPhone(), "203.0.113." + (i + 1)).then().statusCode(202);
        }
        request(AuthApi.newPhone(), "198.51.100.77").then().statusCode(429)
                .contentType("application/problem+json")
                .body("detail", containsString("this address"));
    }

    private static io.restassured.response.Response request(String phone, String forgedAddress) {
        return given().header("X-Forwarded-For", forgedAddress).contentType(ContentType.JSON)
                .body(Map.of("phoneNumber", phone, "channel", "sms")).post("/api/v1/auth/otp/request");
    }
}
