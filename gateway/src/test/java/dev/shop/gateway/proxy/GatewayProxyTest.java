package dev.shop.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.gateway.security.RevokedBeforeStart;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(ShopTestResources.class)
@WithTestResource(StubUpstreams.class)
@WithTestResource(RevokedBeforeStart.class)
class GatewayProxyTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            // HTTP/1.1 as clients and services speak it here; the default would try an h2c upgrade first.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @TestHTTPResource("/")
    URI gateway;

    @Test
    void getReachesTheOwningServiceWithPathQueryAndHeadersIntact() {
        String token = customerToken();
        given().header("Authorization", "Bearer " + token)
                .header("X-Custom", "kept")
                .urlEncodingEnabled(false)
                .when().get("/api/v1/products/p-1?q=brake%20pad&page=2&tag=a&tag=b")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("X-Upstream", "catalog")
                .body("service", equalTo("catalog"))
                .body("method", equalTo("GET"))
                .body("path", equalTo("/api/v1/products/p-1"))
                .body("query", equalTo("q=brake%20pad&page=2&tag=a&tag=b"))
                .body("headers.authorization", equalTo(List.of("Bearer " + token)))
                .body("headers.x-custom", equalTo(List.of("kept")))
                .body("bodyLength", equalTo(0));
    }

    @Test
    void postBodyReachesTheServiceAndItsAnswerComesBack() {
        String json = "{\"productId\":\"p-1\",\"quantity\":2}";
        String token = customerToken();
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + token)
                .body(json)
                .when().post("/api/v1/cart/items")
                .then().statusCode(201)
                .header("X-Upstream", "cart")
                .body("service", equalTo("cart"))
                .body("method", equalTo("POST"))
                .body("path", equalTo("/api/v1/cart/items"))
                .body("body", equalTo(json))
                .body("headers.content-type[0]", equalTo("application/json"))
                .body("headers.authorization", equalTo(List.of("Bearer " + token)));
    }

    @Test
    void otherMethodsAreForwardedAsSent() {
        given().contentType(ContentType.JSON).body("{\"fullName\":\"A\"}")
                .header("Authorization", "Bearer " + customerToken())
                .when().patch("/api/v1/me")
                .then().statusCode(200)
                .body("service", equalTo("auth"))
                .body("method", equalTo("PATCH"))
                .body("body", equalTo("{\"fullName\":\"A\"}"));
        given().header("Authorization", "Bearer " + customerToken())
                .when().delete("/api/v1/wishlist/p-9")
                .then().statusCode(200)
                .body("service", equalTo("cart"))
                .body("method", equalTo("DELETE"))
                .body("path", equalTo("/api/v1/wishlist/p-9"));
    }

    @Test
    void prefixesMatchWholeSegments() {
        assertRoutedTo("/api/v1/me", "auth");
        assertRoutedTo("/api/v1/me/addresses", "auth");
        given().when().post("/api/v1/auth/refresh")
                .then().statusCode(201).body("service", equalTo("auth"));
        assertRoutedTo("/api/v1/media/x", "catalog");
        assertRoutedTo("/api/v1/brands", "catalog");
        assertRoutedTo("/api/v1/categories/c-1", "catalog");
        assertRoutedTo("/api/v1/wishlist", "cart");
        assertRoutedTo("/api/v1/orders/o-1", "order");
        given().when().post("/api/v1/payments/webhooks/stripe")
                .then().statusCode(201).body("service", equalTo("order"));
        assertRoutedTo("/api/v1/analytics/most-bought", "order");
    }

    @Test
    void unlistedApiPathIs404ProblemWithoutCallingAnyService() throws Exception {
        long before = totalStubCalls();

        for (String path : List.of("/api/v1/nope", "/api/v1/mediax", "/api/v1/meadow/1", "/api/v2/products", "/api/")) {
            Response response = given().when().get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.contentType()).as(path).startsWith("application/problem+json");
            assertThat(response.jsonPath().getString("type")).isEqualTo("/problems/not-found");
            assertThat(response.jsonPath().getString("title")).isNotBlank();
            assertThat(response.jsonPath().getInt("status")).isEqualTo(404);
            assertThat(response.jsonPath().getString("detail")).contains(path.replaceAll("/$", ""));
            assertThat(response.jsonPath().getString("instance")).isEqualTo(path);
            assertThat(response.jsonPath().getString("traceId")).isEqualTo(response.header("X-Request-Id"));
        }

        assertThat(totalStubCalls()).isEqualTo(before);
    }

    @Test
    void pathsOutsideTheApiAre404ProblemsToo() {
        given().when().get("/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/not-found"))
                .header("X-Request-Id", matchesPattern(UUID_PATTERN));
    }

    @Test
    void serviceWithNothingListeningIs503ProblemNamingIt() {
        Response response = given().header("X-Request-Id", "down-test-0001")
                .header("Authorization", "Bearer " + adminToken())
                .when().get("/api/v1/admin/users?page=0");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("type")).isEqualTo("/problems/service-unavailable");
        assertThat(response.jsonPath().getString("title")).isEqualTo("Service unavailable");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(503);
        assertThat(response.jsonPath().getString("detail")).isEqualTo("admin service is unavailable");
        assertThat(response.jsonPath().getString("instance")).isEqualTo("/api/v1/admin/users");
        assertThat(response.jsonPath().getString("traceId")).isEqualTo("down-test-0001");
        assertThat(response.headers().getValues("X-Request-Id")).containsExactly("down-test-0001");
    }

    @Test
    void bodyForAServiceThatIsDownIsDiscardedAnd503Returned() {
        given().contentType(ContentType.BINARY).body(new byte[512 * 1024])
                .header("Authorization", "Bearer " + adminToken())
                .when().post("/api/v1/admin/products")
                .then().statusCode(503)
                .body("detail", equalTo("admin service is unavailable"));
        // The connection stays usable after the unread body.
        assertRoutedTo("/api/v1/cart", "cart");
    }

    @Test
    void serviceSlowerThanItsTimeoutIs504ProblemNamingIt() {
        long start = System.nanoTime();
        Response response = given().header("Authorization", "Bearer " + customerToken())
                .when().get("/api/v1/orders/slow");
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("type")).isEqualTo("/problems/gateway-timeout");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(504);
        assertThat(response.jsonPath().getString("detail")).isEqualTo("order service did not answer within 1s");
        assertThat(response.jsonPath().getString("traceId")).isEqualTo(response.header("X-Request-Id"));
        assertThat(tookMs).isGreaterThanOrEqualTo(StubUpstreams.ORDER_TIMEOUT_MS - 50)
                .isLessThan(StubUpstreams.SLOW_ANSWER_MS);
        // The same service still answers fast requests.
        assertRoutedTo("/api/v1/orders", "order");
    }

    @Test
    void concurrentRequestsToOneServiceAreNotQueuedBehindASmallPool() throws Exception {
        int concurrent = 40;
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < concurrent; i++) {
            answers.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base() + "/api/v1/brands/b-" + i + "/pause"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // Vert.x' default pool of 5 connections would take 8 rounds of 500 ms (4 s); the configured 100 take one.
        long withDefaultPool = (long) concurrent / 5 * StubUpstreams.PAUSE_MS;
        assertThat(tookMs).isLessThan(withDefaultPool * 5 / 8);
    }

    @Test
    void validRequestIdIsForwardedAndReturnedOnce() {
        Response response = given().header("X-Request-Id", "req-12345678")
                .when().get("/api/v1/categories");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().getValues("X-Request-Id")).containsExactly("req-12345678");
        assertThat(response.jsonPath().getList("headers.x-request-id")).containsExactly("req-12345678");
    }

    @Test
    void missingRequestIdIsGeneratedForwardedAndReturned() {
        Response response = given().when().get("/api/v1/categories");
        List<String> returned = response.headers().getValues("X-Request-Id");
        assertThat(returned).hasSize(1);
        assertThat(returned.get(0)).matches(UUID_PATTERN);
        assertThat(response.jsonPath().getList("headers.x-request-id")).containsExactly(returned.get(0));
    }

    @Test
    void invalidRequestIdIsReplaced() {
        for (String invalid : List.of("has spaces in it", "short", "x".repeat(200))) {
            Response response = given().header("X-Request-Id", invalid).when().get("/api/v1/brands");
            List<String> returned = response.headers().getValues("X-Request-Id");
            assertThat(returned).hasSize(1);
            assertThat(returned.get(0)).isNotEqualTo(invalid).matches(UUID_PATTERN);
            assertThat(response.jsonPath().getList("headers.x-request-id")).containsExactly(returned.get(0));
        }
    }

    @Test
    void forwardingHeadersAreSetByTheGatewayNotTheClient() {
        int port = gateway.getPort();
        given().header("X-Forwarded-For", "6.6.6.6")
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Port", "1")
                .header("Forwarded", "for=6.6.6.6")
                .header("Authorization", "Bearer " + customerToken())
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("headers.x-forwarded-for", equalTo(List.of("127.0.0.1")))
                .body("headers.x-forwarded-proto", equalTo(List.of("http")))
                .body("headers.x-forwarded-host", equalTo(List.of("localhost:" + port)))
                // the port of the address the client called, so a service's absolute Location points back at it
                .body("headers.x-forwarded-port", equalTo(List.of(String.valueOf(port))))
                .body("headers", not(hasKey("forwarded")));
    }

    @Test
    void theNormalisedPathIsRoutedAndForwarded() throws Exception {
        JsonNode echo = rawGet("/api/v1/media/../me/addresses?x=1", 200);
        assertThat(echo.get("service").asText()).isEqualTo("auth");
        assertThat(echo.get("path").asText()).isEqualTo("/api/v1/me/addresses");
        assertThat(echo.get("query").asText()).isEqualTo("x=1");

        // Dot segments cannot smuggle a request past the owner of the prefix it resolves to.
        HttpResponse<String> viaAuth = HTTP.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/v1/me/./../admin/users"))
                        .header("Authorization", "Bearer " + adminToken()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(viaAuth.statusCode()).isEqualTo(503);
        assertThat(viaAuth.body()).contains("admin service is unavailable");
    }

    @Test
    void aFiveMegabyteUploadStreamsThrough() {
        byte[] body = StubUpstreams.bigBody();
        given().contentType(ContentType.BINARY).body(body)
                .header("Authorization", "Bearer " + adminToken())
                .when().post("/api/v1/products/p-1/images")
                .then().statusCode(201)
                .body("service", equalTo("catalog"))
                .body("bodyLength", equalTo(body.length))
                .body("bodySha256", equalTo(StubUpstreams.sha256(body)));
    }

    @Test
    void anUploadReachesTheServiceBeforeTheClientHasFinishedSendingIt() throws Exception {
        byte[] body = StubUpstreams.bigBody();
        int firstPart = 1024 * 1024;
        PipedOutputStream out = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(out, 64 * 1024);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/v1/products/p-2/images"))
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", "Bearer " + adminToken())
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> in))
                .build();
        CompletableFuture<HttpResponse<String>> answer = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());

        // Written from another thread so a stuck exchange fails the test instead of blocking it on the pipe.
        CompletableFuture<Long> seenMidway = CompletableFuture.supplyAsync(() -> {
            try (out) {
                out.write(body, 0, firstPart);
                out.flush();
                // Hold back the rest until the service has seen bytes: a buffering gateway would never forward them.
                long seen = awaitBytesReceived("catalog", 512 * 1024, Duration.ofSeconds(15));
                out.write(body, firstPart, body.length - firstPart);
                return seen;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        try {
            HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
            assertThat(seenMidway.get(5, TimeUnit.SECONDS)).as("bytes at the service before the upload finished")
                    .isGreaterThanOrEqualTo(512 * 1024);
            assertThat(response.statusCode()).isEqualTo(201);
            JsonNode echo = JSON.readTree(response.body());
            assertThat(echo.get("bodyLength").asLong()).isEqualTo(body.length);
            assertThat(echo.get("bodySha256").asText()).isEqualTo(StubUpstreams.sha256(body));
            assertThat(echo.get("headers").has("expect")).isFalse();
        } finally {
            in.close();
        }
    }

    @Test
    void aFiveMegabyteDownloadStreamsThrough() {
        byte[] expected = StubUpstreams.bigBody();
        Response response = given().when().get("/api/v1/media/big");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("X-Upstream")).isEqualTo("catalog");
        byte[] bytes = response.asByteArray();
        assertThat(bytes.length).isEqualTo(expected.length);
        assertThat(StubUpstreams.sha256(bytes)).isEqualTo(StubUpstreams.sha256(expected));
    }

    @Test
    void healthIsServedLocallyWithARequestId() {
        for (String path : List.of("/q/health/live", "/q/health/ready")) {
            Response response = given().when().get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.jsonPath().getString("status")).as(path).isEqualTo("UP");
            assertThat(response.header("X-Upstream")).as(path).isNull();
            assertThat(response.headers().getValues("X-Request-Id")).as(path).hasSize(1);
        }
        given().header("X-Request-Id", "health-check-01").when().get("/q/health/live")
                .then().header("X-Request-Id", "health-check-01");
    }

    static String customerToken() {
        return TestTokens.customer("proxy-test-" + UUID.randomUUID());
    }

    static String adminToken() {
        return TestTokens.admin("proxy-admin-" + UUID.randomUUID());
    }

    private static void assertRoutedTo(String path, String service) {
        // A valid token is accepted on public routes too, so one helper covers every policy class.
        given().header("Authorization", "Bearer " + customerToken()).when().get(path)
                .then().statusCode(200)
                .header("X-Upstream", service)
                .body("service", equalTo(service))
                .body("path", equalTo(path));
    }

    private String base() {
        String s = gateway.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private JsonNode rawGet(String rawPathAndQuery, int expectedStatus) throws Exception {
        // java.net.http sends the path as given; rest-assured would normalise the dot segments away.
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(base() + rawPathAndQuery))
                        .header("Authorization", "Bearer " + customerToken()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    private static long totalStubCalls() {
        long total = 0;
        for (String name : StubUpstreams.RUNNING) {
            total += stubCounter(name, "calls");
        }
        return total;
    }

    private static long awaitBytesReceived(String service, long atLeast, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        long seen = stubCounter(service, "received");
        while (seen < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(20);
            seen = stubCounter(service, "received");
        }
        return seen;
    }

    private static long stubCounter(String service, String counter) {
        String url = ConfigProvider.getConfig().getValue("shop.gateway.upstreams." + service + ".url", String.class);
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url + "/__stub/" + counter)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return Long.parseLong(response.body().trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
