package dev.shop.catalog.api;

import static dev.shop.catalog.CatalogFixtures.asAdmin;
import static dev.shop.catalog.CatalogFixtures.createSimpleProduct;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.shop.contracts.catalog.StockAdjusted;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.events.Topics;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import dev.shop.testkit.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(ShopTestResources.class)
class StockResourceTest {

    @Test
    void anAdjustmentChangesTheStockAndIsAudited() {
        String product = createSimpleProduct(10, 10_000);
        try (TopicProbe inventory = TopicProbe.open(Topics.CATALOG_INVENTORY)) {
            given().auth().oauth2(TestTokens.admin("admin-7")).contentType(ContentType.JSON)
                    .header("X-Request-Id", "adjust-stock-0001")
                    .body(Map.of("delta", -3, "reason", "Damaged in storage"))
                    .when().post("/api/v1/products/" + product + "/stock")
                    .then().statusCode(200)
                    .body("previousStock", equalTo(10)).body("stock", equalTo(7));

            EventEnvelope event = inventory.awaitEvents(StockAdjusted.TYPE, 1, Duration.ofSeconds(20)).stream()
                    .filter(e -> e.aggregateId().equals(product)).findFirst().orElseThrow();
            assertThat(EventJson.dataAs(event, StockAdjusted.class)).isEqualTo(new StockAdjusted(product,
                    given().get("/api/v1/products/" + product).path("sku"), -3, 10, 7, "Damaged in storage",
                    "admin-7"));
            assertThat(event.correlationId()).isEqualTo("adjust-stock-0001");
        }
        given().when().get("/api/v1/products/" + product).then().body("stock", equalTo(7));
    }

    @Test
    void stockNeverGoesBelowZero() {
        String product = createSimpleProduct(2, 10_000);
        asAdmin().body(Map.of("delta", -3, "reason", "Stock-take"))
                .when().post("/api/v1/products/" + product + "/stock")
                .then().statusCode(422).contentType("application/problem+json");
        given().when().get("/api/v1/products/" + product).then().body("stock", equalTo(2));
        asAdmin().body(Map.of("delta", -2, "reason", "Stock-take"))
                .when().post("/api/v1/products/" + product + "/stock")
                .then().statusCode(200).body("stock", equalTo(0));
        given().when().get("/api/v1/products/" + product).then().body("inStock", equalTo(false))
                .body("stockStatus", equalTo("OUT_OF_STOCK"));
    }

    @Test
    void adjustmentsAreValidated() {
        String product = createSimpleProduct(2, 10_000);
        asAdmin().body(Map.of("delta", 0, "reason", "Nothing")).when().post("/api/v1/products/" + product + "/stock")
                .then().statusCode(400).body("violations[0].field", equalTo("delta"));
        asAdmin().body(Map.of("delta", 5)).when().post("/api/v1/products/" + product + "/stock")
                .then().statusCode(400).body("violations.field", hasItem("reason"));
        asAdmin().body(Map.of("delta", 2_000_000, "reason", "Too many")).when()
                .post("/api/v1/products/" + product + "/stock")
                .then().statusCode(400).body("violations.field", hasItem("delta"));
        asAdmin().body(Map.of("delta", 1, "reason", "Ghost")).when()
                .post("/api/v1/products/0123456789abcdef01234567/stock")
                .then().statusCode(404);
    }

    @Test
    void adjustmentsNeedTheAdminRole() {
        String product = createSimpleProduct(2, 10_000);
        Map<String, Object> body = Map.of("delta", 100, "reason", "Free stock");
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/products/" + product + "/stock")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.customer("c-1")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/products/" + product + "/stock")
                .then().statusCode(403);
        given().when().get("/api/v1/products/" + product).then().body("stock", equalTo(2));
    }
}
