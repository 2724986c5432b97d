package dev.shop.gateway.http;

import static dev.shop.gateway.TestSupport.HTTP;
import static dev.shop.gateway.TestSupport.adminToken;
import static dev.shop.gateway.TestSupport.bearer;
import static dev.shop.gateway.TestSupport.customerToken;
import static dev.shop.gateway.TestSupport.stubCalls;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.gateway.proxy.StubUpstreams;
import dev.shop.gateway.security.RevokedBeforeStart;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** CORS, body and header limits, response headers, and what is stripped on the way in and out. */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
@WithTestResource(StubUpstreams.class)
@WithTestResource(RevokedBeforeStart.class)
class EdgeHygieneTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OVER_LIMIT = 11 * 1024 * 1024;

    @TestHTTPResource("/")
    URI gateway;

    @Test
    void preflightFromAnAllowedOriginIsAnsweredAtTheGateway() {
        long before = stubCalls("cart");
        given().header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type, idempotency-key, x-cart-token")
                .when().options("/api/v1/cart/items")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Access-Control-Allow-Headers", containsString("X-Cart-Token"))
                .header("Access-Control-Allow-Headers", containsString("Prefer"))
                .header("Access-Control-Max-Age", "600");
        assertThat(stubCalls("cart")).isEqualTo(before);
    }

    @Test
    void preflightFromAnOriginNotOnTheListIsRefused() {
        Response response = given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/cart/items");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("detail")).isEqualTo("Origin https://evil.example is not allowed");
        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
        assertThat(response.header("Access-Control-Allow-Credentials")).isNull();

        // An allowed origin asking for a method or header outside the policy is refused too.
        given().header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "TRACE")
                .when().options("/api/v1/cart/items").then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "x-internal-secret")
                .when().options("/api/v1/cart").then().statusCode(403);
    }

    @Test
    void crossOriginCallsGetTheGatewaysCorsHeadersNeverAWildcard() {
        given().header("Origin", "http://localhost:5173")
                .when().get("/api/v1/products")
                .then().statusCode(200)
                // The stub answers "Access-Control-Allow-Origin: *": the gateway's policy replaces it.
                .header("Access-Control-Allow-Origin", "http://localhost:5173")
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"))
                // A guest's browser reads the token of its new cart from the first add's answer.
                .header("Access-Control-Expose-Headers", containsString("X-Cart-Token"))
                .header("Access-Control-Expose-Headers", containsString("Preference-Applied"))
                .header("Vary", containsString("Origin"));

        long before = stubCalls("catalog");
        given().header("Origin", "https://evil.example").when().get("/api/v1/products")
                .then().statusCode(403).contentType("application/problem+json");
        assertThat(stubCalls("catalog")).isEqualTo(before);
    }

    @Test
    void theGatewaysOwnOriginIsNotCrossOrigin() {
        String self = "http://localhost:" + gateway.getPort();
        given().header("Origin", self).header("Authorization", bearer(customerToken()))
                .contentType("application/json").body("{}")
                .when().post("/api/v1/cart/items")
                .then().statusCode(201);
    }

    @Test
    void responsesCarrySecurityHeadersAndNoBanners() {
        Response response = given().header("X-Forwarded-Proto", "https").when().get("/api/v1/products/p-1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Server")).isNull();
        assertThat(response.header("X-Powered-By")).isNull();
        // Plain HTTP from a peer that is not a trusted proxy: its X-Forwarded-Proto is not believed, so no HSTS,
        // and the service's own HSTS header is removed too.
        assertThat(response.header("Strict-Transport-Security")).isNull();
        assertThat(response.header("Cache-Control")).isNull();

        given().when().get("/api/v1/nope").then().statusCode(404)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer");
    }

    @Test
    void authAnswersAreNeverCached() {
        given().when().post("/api/v1/auth/refresh")
                .then().statusCode(201)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache");
        // Issuer metadata and keys stay cacheable.
        given().when().get("/api/v1/auth/jwks").then().statusCode(200).header("Cache-Control", nullValue());
    }

    @Test
    void internalAndForwardingHeadersFromClientsAreStripped() {
        given().header("Authorization", bearer(customerToken()))
                .header("X-Internal-Token", "let-me-in")
                .header("X-User-Id", "admin-1")
                .header("X-User-Roles", "admin")
                .header("X-Real-IP", "6.6.6.6")
                .header("X-Kept", "yes")
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("headers", not(hasKey("x-internal-token")))
                .body("headers", not(hasKey("x-user-id")))
                .body("headers", not(hasKey("x-user-roles")))
                .body("headers", not(hasKey("x-real-ip")))
                .body("headers.x-kept", equalTo(List.of("yes")))
                .body("headers.x-forwarded-for", equalTo(List.of("127.0.0.1")));
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413ProblemWithoutCallingTheService() throws Exception {
        long before = stubCalls("catalog");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/products/p-1/images"))
                .header("Authorization", bearer(adminToken()))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[OVER_LIMIT])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertProblem(response, 413, "/problems/payload-too-large");
        assertThat(stubCalls("catalog")).isEqualTo(before);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Problem() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/products/p-1/images"))
                .header("Authorization", bearer(adminToken()))
                .header("Content-Type", "application/octet-stream")
                // No length known up front: sent chunked, so only counting the stream can catch it.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[OVER_LIMIT])))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertProblem(response, 413, "/problems/payload-too-large");

        // The connection pool and the service are fine afterwards.
        given().header("Authorization", bearer(adminToken())).contentType("application/octet-stream")
                .body(new byte[1024]).when().post("/api/v1/products/p-1/images")
                .then().statusCode(201).body("bodyLength", equalTo(1024));
    }

    @Test
    void anUpstreamErrorPageIsReplacedByAProblem() {
        Response response = given().when().get("/api/v1/products/boom");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("detail")).isEqualTo("catalog service failed to handle the request");
        assertThat(response.jsonPath().getString("traceId")).isEqualTo(response.header("X-Request-Id"));
        assertThat(response.asString()).doesNotContain("NullPointerException").doesNotContain("Secret.java");
    }

    @Test
    void anUpstreamProblemPassesThroughUnchanged() {
        given().when().get("/api/v1/products/boom-problem")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("detail", equalTo("catalog is warming up"));
    }

    @Test
    void oversizedHeadersAreRefusedBeforeAnyService() throws Exception {
        long before = stubCalls("catalog");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/products"))
                .header("X-Big", "x".repeat(20 * 1024)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(431);
        assertProblem(response, 431, "/problems/headers-too-large");
        assertThat(stubCalls("catalog")).isEqualTo(before);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("type").asText()).isEqualTo(type);
        assertThat(body.get("traceId").asText()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    private String base() {
        String s = gateway.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
