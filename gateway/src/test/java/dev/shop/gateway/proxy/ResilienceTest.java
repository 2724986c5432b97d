package dev.shop.gateway.proxy;

import static dev.shop.gateway.TestSupport.adminToken;
import static dev.shop.gateway.TestSupport.bearer;
import static dev.shop.gateway.TestSupport.customerToken;
import static dev.shop.gateway.TestSupport.stubCalls;
import static dev.shop.gateway.TestSupport.stubMode;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.shop.gateway.security.RevokedBeforeStart;
import dev.shop.testkit.ManagementInterface;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Circuit breaking and connect retries. In the test profile cart's circuit looks at the last 4 exchanges, stays open
 * 1 s and closes after one successful trial; admin has nothing listening.
 */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
@WithTestResource(StubUpstreams.class)
@WithTestResource(RevokedBeforeStart.class)
class ResilienceTest {

    @Test
    void aFailingServiceOpensItsCircuitThenRecovers() throws Exception {
        String token = bearer(customerToken());
        stubMode("cart", "drop");
        Response shortCircuited = null;
        try {
            for (int i = 0; i < 8 && shortCircuited == null; i++) {
                Response response = given().header("Authorization", token).when().get("/api/v1/cart");
                if (response.statusCode() == 503) {
                    shortCircuited = response;
                } else {
                    // The service drops the connection: 502 until the breaker has seen enough.
                    assertThat(response.statusCode()).isEqualTo(502);
                    assertThat(response.jsonPath().getString("detail"))
                            .isEqualTo("cart service closed the connection without a valid answer");
                }
            }
            assertThat(shortCircuited).as("the circuit opened").isNotNull();
            assertThat(shortCircuited.contentType()).startsWith("application/problem+json");
            assertThat(shortCircuited.jsonPath().getString("type")).isEqualTo("/problems/service-unavailable");
            assertThat(shortCircuited.jsonPath().getString("detail")).isEqualTo("cart service is unavailable");
            assertThat(shortCircuited.header("Retry-After")).isEqualTo("1");

            // While open, requests are answered at once without reaching the service.
            long calls = stubCalls("cart");
            given().header("Authorization", token).when().get("/api/v1/wishlist").then().statusCode(503);
            assertThat(stubCalls("cart")).isEqualTo(calls);
        } finally {
            stubMode("cart", "normal");
        }
        // The circuit's delay (1 s in the test profile) passes and trial calls close it: poll, do not guess the time.
        long deadline = System.nanoTime() + 10_000_000_000L;
        int status;
        do {
            status = given().header("Authorization", token).when().get("/api/v1/cart").statusCode();
        } while (status != 200 && System.nanoTime() < deadline && pause(100));
        assertThat(status).as("the circuit closed again").isEqualTo(200);
        given().header("Authorization", token).when().get("/api/v1/wishlist").then().statusCode(200);
        assertThat(metric("gateway_upstream_circuit_open\\{upstream=\"cart\"}")).isZero();
        assertThat(metric("gateway_upstream_circuit_rejections_total\\{upstream=\"cart\"}")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void onlyIdempotentRequestsRetryAFailedConnection() {
        String admin = bearer(adminToken());
        double before = metric("gateway_upstream_connect_retries_total\\{upstream=\"admin\"}");

        given().header("Authorization", admin).when().get("/api/v1/admin/users").then().statusCode(503);
        double afterGet = metric("gateway_upstream_connect_retries_total\\{upstream=\"admin\"}");
        assertThat(afterGet - before).as("retries of a GET").isEqualTo(2);

        given().header("Authorization", admin).contentType("application/json").body("{}")
                .when().post("/api/v1/admin/users/u-1/block").then().statusCode(503);
        assertThat(metric("gateway_upstream_connect_retries_total\\{upstream=\"admin\"}"))
                .as("a POST is never retried").isEqualTo(afterGet);

        given().header("Authorization", admin).when().delete("/api/v1/admin/users/u-1").then().statusCode(503);
        assertThat(metric("gateway_upstream_connect_retries_total\\{upstream=\"admin\"}") - afterGet)
                .as("retries of a DELETE").isEqualTo(2);
    }

    /** The value of one Prometheus series, 0 when absent. */
    static double metric(String seriesPattern) {
        String text = ManagementInterface.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + seriesPattern + " ([0-9.eE+-]+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
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
}
