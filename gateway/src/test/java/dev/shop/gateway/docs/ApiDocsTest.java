package dev.shop.gateway.docs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.shop.gateway.TestSupport;
import dev.shop.gateway.proxy.StubApiDocs;
import dev.shop.gateway.proxy.StubUpstreams;
import dev.shop.gateway.security.RevokedBeforeStart;
import dev.shop.testkit.ManagementInterface;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The merged API document and the Swagger UI showing it. The stubs serve small documents; admin is down. */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
@WithTestResource(StubUpstreams.class)
@WithTestResource(RevokedBeforeStart.class)
class ApiDocsTest {

    @Test
    void theMergedDocumentHasEveryServicesPathsAsSeenThroughTheGateway() {
        JsonPath doc = ManagementInterface.given().when().get("/q/openapi?format=json")
                .then().statusCode(200).contentType(containsString("application/json"))
                .extract().jsonPath();

        Map<String, Object> paths = doc.getMap("paths");
        assertThat(paths).containsKeys("/api/v1/auth/login", "/api/v1/me", "/api/v1/products",
                "/api/v1/products/{id}/reviews", "/api/v1/cart", "/api/v1/orders", "/api/v1/orders/{id}/status",
                "/api/v1/analytics/most-bought", "/api/v1/products/most-bought");
        // Documented by a service but not exposed by the gateway.
        assertThat(paths).doesNotContainKey("/internal/stock");
        assertThat(doc.getString("info.description")).contains("Included: auth, cart, catalog, order.")
                .contains("admin (not reachable)");
        assertThat(doc.getString("info.x-services.admin")).startsWith("unavailable");
        // the services' own servers are gone; the one entry is the public API
        assertThat(doc.getList("servers.url")).containsExactly("http://localhost:8080");
    }

    @Test
    void aServiceThatComesUpIsIncludedAtTheNextRefresh() throws Exception {
        // Bring "admin" up on the port the gateway expects it on, serving its document.
        int port = URI.create(TestSupport.upstreamUrl("admin")).getPort();
        HttpServer admin = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        admin.createContext("/q/openapi", exchange -> {
            byte[] body = StubApiDocs.forService("admin").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        admin.start();
        try {
            // The document is cached for 1 s in the tests.
            Thread.sleep(1_100);
            JsonPath doc = ManagementInterface.given().when().get("/q/openapi").then().statusCode(200).extract().jsonPath();
            assertThat(doc.getMap("paths")).containsKeys("/api/v1/auth/login", "/api/v1/products", "/api/v1/cart",
                    "/api/v1/orders", "/api/v1/admin/users");
            assertThat(doc.getString("info.description")).contains("Included: admin, auth, cart, catalog, order.")
                    .doesNotContain("Unavailable");
            assertThat(doc.getString("paths.'/api/v1/admin/users'.get.x-required-role")).isEqualTo("admin");
        } finally {
            admin.stop(0);
            // Let the cached document with admin in it expire for the other tests.
            Thread.sleep(1_100);
        }
    }

    @Test
    void protectedOperationsUseTheBearerScheme() {
        JsonPath doc = ManagementInterface.given().when().get("/q/openapi").then().statusCode(200).extract().jsonPath();

        assertThat(doc.getMap("components.securitySchemes.bearerAuth"))
                .containsEntry("type", "http").containsEntry("scheme", "bearer").containsEntry("bearerFormat", "JWT");
        assertThat(doc.getMap("components.securitySchemes")).containsOnlyKeys("bearerAuth");
        assertThat(security(doc, "/api/v1/me", "get")).isEqualTo(List.of(Map.of("bearerAuth", List.of())));
        // A guest-cart operation takes a token or none (then the X-Cart-Token decides).
        assertThat(security(doc, "/api/v1/cart", "get")).isEqualTo(List.of(Map.of(), Map.of("bearerAuth", List.of())));
        assertThat(security(doc, "/api/v1/products/{id}/reviews", "post"))
                .isEqualTo(List.of(Map.of("bearerAuth", List.of())));
        assertThat(security(doc, "/api/v1/products", "post")).isEqualTo(List.of(Map.of("bearerAuth", List.of())));
        assertThat(doc.getString("paths.'/api/v1/products'.post.x-required-role")).isEqualTo("admin");
        // Public operations need no token.
        assertThat(security(doc, "/api/v1/products", "get")).isEqualTo(List.of(Map.of()));
        assertThat(security(doc, "/api/v1/auth/login", "post")).isEqualTo(List.of(Map.of()));
    }

    @Test
    void componentsAreMergedWithoutOneServiceOverwritingAnother() {
        JsonPath doc = ManagementInterface.given().when().get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Object> schemas = doc.getMap("components.schemas");
        // Same name and content in every service: kept once. Same name, different content: the service merged later
        // (in name order: auth's Page is first, cart's differs) gets its own name, and its references follow.
        assertThat(schemas).containsOnlyKeys("Problem", "Page", "cart_Page");
        assertThat(doc.getString("components.schemas.Page.properties.total.type")).isEqualTo("integer");
        assertThat(doc.getString("components.schemas.cart_Page.properties.lines.type")).isEqualTo("array");
        assertThat(doc.getString("paths.'/api/v1/cart'.get.responses.'200'.content.'application/json'.schema.'$ref'"))
                .isEqualTo("#/components/schemas/cart_Page");
        assertThat(doc.getString("paths.'/api/v1/products'.get.responses.'200'.content.'application/json'.schema.'$ref'"))
                .isEqualTo("#/components/schemas/Page");
        // operationIds stay unique across services ("list" is used by catalog, cart and order).
        List<String> ids = doc.getList("paths.collect { it.value.collect { it.value.operationId } }.flatten()");
        assertThat(ids).doesNotHaveDuplicates().contains("list", "catalog_list", "order_list", "mostBoughtViaAlias");
    }

    @Test
    void theDocumentIsAlsoServedAsYaml() {
        ManagementInterface.given().when().get("/q/openapi?format=yaml")
                .then().statusCode(200)
                .contentType(containsString("application/yaml"))
                .body(containsString("openapi: \"3.0.3\""))
                .body(containsString("/api/v1/products/most-bought"));
    }

    @Test
    void swaggerUiRendersTheMergedDocument() {
        ManagementInterface.given().redirects().follow(false).when().get("/q/swagger-ui")
                .then().statusCode(301).header("Location", "/q/swagger-ui/");
        ManagementInterface.given().when().get("/q/swagger-ui/")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("SwaggerUIBundle"))
                .body(containsString("url: '/q/openapi?format=json'"));
        for (String asset : List.of("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css")) {
            byte[] bytes = ManagementInterface.given().when().get("/q/swagger-ui/" + asset)
                    .then().statusCode(200).extract().asByteArray();
            assertThat(bytes.length).as(asset).isGreaterThan(10_000);
        }
        ManagementInterface.given().when().get("/q/swagger-ui/secret.properties").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> security(JsonPath doc, String path, String method) {
        Object value = doc.get("paths.'" + path + "'." + method + ".security");
        return (List<Object>) value;
    }

    @Test
    void theDocumentAndSwaggerUiAreOnTheManagementPortOnlyAndPointAtThePublicApi() {
        for (String path : new String[] { "/q/openapi", "/q/swagger-ui/", "/q/metrics" }) {
            given().when().get(path).then().statusCode(404);
        }
        ManagementInterface.given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("servers[0].url", equalTo("http://localhost:8080"));
    }
}
