package dev.shop.gateway.security;

import static dev.shop.gateway.TestSupport.bearer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.shop.gateway.TestSupport;
import dev.shop.gateway.proxy.StubUpstreams;
import dev.shop.testkit.FreePorts;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestIssuer;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * auth-service starts in parallel with the gateway: the gateway must come up without the discovery document, serve
 * public routes, and validate tokens as soon as the issuer appears, without a restart. A separate application (its
 * issuer URL points at a port nothing listens on until the test opens it).
 */
@QuarkusTest
@WithTestResource(StubUpstreams.class)
@WithTestResource(IssuerDownAtStartTest.LateIssuer.class)
class IssuerDownAtStartTest {

    @Test
    void theGatewayStartsWithoutTheIssuerAndValidatesTokensOnceItAppears() throws Exception {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/api/v1/products").then().statusCode(200).body("service", equalTo("catalog"));

        String token = bearer(TestTokens.customer("late-" + UUID.randomUUID()));
        Response withoutIssuer = given().header("Authorization", token).when().get("/api/v1/cart");
        assertThat(withoutIssuer.statusCode()).isEqualTo(503);
        assertThat(withoutIssuer.contentType()).startsWith("application/problem+json");
        assertThat(withoutIssuer.jsonPath().getString("detail"))
                .isEqualTo("Access tokens cannot be checked right now: the issuer is unavailable");

        HttpServer issuer = LateIssuer.open();
        try {
            given().header("Authorization", token).when().get("/api/v1/cart")
                    .then().statusCode(200).body("service", equalTo("cart"));
            given().header("Authorization", bearer(TestTokens.unsigned("late"))).when().get("/api/v1/cart")
                    .then().statusCode(401);
        } finally {
            issuer.stop(0);
        }
    }

    /**
     * Points the gateway at an issuer URL on a reserved port and serves the shared test issuer's discovery document
     * there once {@link #open()} is called.
     */
    public static class LateIssuer implements QuarkusTestResourceLifecycleManager {

        private static final int PORT = FreePorts.next();

        @Override
        public Map<String, String> start() {
            return Map.of(
                    "quarkus.oidc.auth-server-url", "http://127.0.0.1:" + PORT + "/issuer",
                    "quarkus.oidc.token.audience", TestIssuer.AUDIENCE,
                    "kafka.bootstrap.servers", ShopTestResources.kafkaBootstrapServers());
        }

        @Override
        public void stop() {
        }

        static HttpServer open() throws IOException {
            String discovery;
            try {
                discovery = TestSupport.HTTP.send(HttpRequest.newBuilder(URI.create(
                        TestIssuer.shared().issuer() + "/.well-known/openid-configuration")).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            // The port as the application was configured with it (test resources may load in another class loader).
            int port = URI.create(ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class))
                    .getPort();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            // The document names the real issuer and its JWKS, exactly as a proxy in front of auth-service would.
            server.createContext("/issuer/.well-known/openid-configuration", exchange -> {
                byte[] body = discovery.getBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        }

    }
}
