package dev.shop.gateway.health;

import static dev.shop.gateway.TestSupport.stubMode;
import static dev.shop.gateway.TestSupport.upstreamUrl;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.shop.gateway.proxy.StubUpstreams;
import dev.shop.gateway.security.RevokedBeforeStart;
import dev.shop.testkit.ManagementInterface;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(ShopTestResources.class)
@WithTestResource(StubUpstreams.class)
@WithTestResource(RevokedBeforeStart.class)
class HealthAndMetricsTest {

    @Test
    void healthReportsEachUpstreamButReadinessStaysWithTheGateway() {
        Response health = given().when().get("/q/health");
        // admin has nothing listening in the tests.
        assertThat(health.statusCode()).isEqualTo(503);
        Map<String, String> checks = checks(health.jsonPath());
        assertThat(checks).containsEntry("upstream-auth", "UP")
                .containsEntry("upstream-catalog", "UP")
                .containsEntry("upstream-cart", "UP")
                .containsEntry("upstream-order", "UP")
                .containsEntry("upstream-admin", "DOWN");

        assertThat(checks(given().when().get("/q/health/well").jsonPath())).containsEntry("upstream-admin", "DOWN")
                .containsEntry("upstream-catalog", "UP");

        // One service down must not take the gateway out of the load balancer.
        Response ready = given().when().get("/q/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.jsonPath().getString("status")).isEqualTo("UP");
        assertThat(checks(ready.jsonPath())).doesNotContainKey("upstream-admin");
    }

    @Test
    void anUpstreamCheckFollowsTheServicesReadiness() {
        stubMode("order", "unhealthy");
        try {
            assertThat(checks(given().when().get("/q/health").jsonPath())).containsEntry("upstream-order", "DOWN");
        } finally {
            stubMode("order", "normal");
        }
        assertThat(checks(given().when().get("/q/health").jsonPath())).containsEntry("upstream-order", "UP");
    }

    @Test
    void healthIsUpWhenEveryUpstreamIsUp() throws Exception {
        // Bring "admin" up for a moment on the port the gateway expects it on.
        int port = URI.create(upstreamUrl("admin")).getPort();
        HttpServer admin = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        admin.createContext("/q/health/ready", exchange -> {
            byte[] body = "{\"status\":\"UP\",\"checks\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        admin.start();
        try {
            given().when().get("/q/health")
                    .then().statusCode(200)
                    .body("status", equalTo("UP"));
        } finally {
            admin.stop(0);
        }
    }

    @Test
    void metricsCountAndTimeEachRouteByStatus() {
        given().when().get("/api/v1/brands/b-1").then().statusCode(200);
        given().when().get("/api/v1/brands/b-2").then().statusCode(200);
        given().when().get("/api/v1/cart").then().statusCode(401);
        given().when().get("/api/v1/nope").then().statusCode(404);

        String metrics = ManagementInterface.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        List<String> brandSeries = metrics.lines()
                .filter(l -> l.startsWith("gateway_requests_seconds_count{")
                        && l.contains("route=\"/api/v1/brands/**\"") && l.contains("status=\"200\""))
                .collect(Collectors.toList());
        assertThat(brandSeries).hasSize(1);
        assertThat(brandSeries.get(0)).contains("method=\"GET\"").contains("upstream=\"catalog\"");
        assertThat(Double.parseDouble(brandSeries.get(0).substring(brandSeries.get(0).lastIndexOf(' ') + 1)))
                .isGreaterThanOrEqualTo(2);
        // A latency histogram, not just a count.
        assertThat(metrics).contains("gateway_requests_seconds_bucket{").contains("le=\"0.1\"");
        assertThat(metrics.lines().anyMatch(l -> l.startsWith("gateway_requests_seconds_count{")
                && l.contains("route=\"/api/v1/cart/**\"") && l.contains("status=\"401\""))).isTrue();
        assertThat(metrics.lines().anyMatch(l -> l.startsWith("gateway_requests_seconds_count{")
                && l.contains("route=\"unmatched\"") && l.contains("status=\"404\"") && l.contains("upstream=\"none\"")))
                .isTrue();
        // Raw paths never become series.
        assertThat(metrics).doesNotContain("/api/v1/brands/b-1");
    }

    private static Map<String, String> checks(JsonPath json) {
        List<Map<String, Object>> checks = json.getList("checks");
        return checks.stream().collect(Collectors.toMap(c -> (String) c.get("name"), c -> (String) c.get("status"),
                (a, b) -> a));
    }
}
