package dev.shop.catalog.api;

import static dev.shop.catalog.CatalogFixtures.adminToken;
import static dev.shop.catalog.CatalogFixtures.createBrand;
import static dev.shop.catalog.CatalogFixtures.createCategory;
import static dev.shop.catalog.CatalogFixtures.createProduct;
import static dev.shop.catalog.CatalogFixtures.createSimpleProduct;
import static dev.shop.catalog.CatalogFixtures.offer;
import static dev.shop.catalog.CatalogFixtures.product;
import static dev.shop.catalog.CatalogFixtures.sku;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(ShopTestResources.class)
class QuoteResourceTest {

    private static RequestSpecification customer() {
        return given().auth().oauth2(TestTokens.customer("c-quote")).contentType(ContentType.JSON);
    }

    private static Map<String, Object> line(String productId, int quantity) {
        return Map.of("productId", productId, "quantity", quantity);
    }

    @Test
    void linesArePricedWithTheEffectivePriceAndASnapshot() {
        String brand = createBrand();
        String category = createCategory("Quotes", null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> discounted = product(sku(), "Brake pads", brand, category, 200_000);
        discounted.put("offer", offer(25, now.minusSeconds(3600), now.plusSeconds(3600)));
        discounted.put("stock", 4);
        String pads = createProduct(discounted);
        String oil = createSimpleProduct(10, 45_000);

        customer().body(Map.of("lines", List.of(line(pads, 2), line(oil, 1), line(oil, 2))))
                .when().post("/api/v1/products/quote")
                .then().statusCode(200)
                .body("currency", equalTo("INR")).body("allAvailable", equalTo(true))
                .body("lines.size()", equalTo(2))
                .body("lines[0].productId", equalTo(pads))
                .body("lines[0].product.name", equalTo("Brake pads"))
                .body("lines[0].listPrice.amount", equalTo(200_000))
                .body("lines[0].unitPrice.amount", equalTo(150_000))
                .body("lines[0].lineTotal.amount", equalTo(300_000))
                .body("lines[0].discount.amount", equalTo(100_000))
                .body("lines[0].offer.percent", equalTo(25))
                .body("lines[0].availableQuantity", equalTo(4))
                .body("lines[1].quantity", equalTo(3))
                .body("lines[1].unitPrice.amount", equalTo(45_000))
                .body("lines[1].lineTotal.amount", equalTo(135_000))
                .body("lines[1].offer", nullValue())
                .body("subtotal.amount", equalTo(435_000))
                .body("discountTotal.amount", equalTo(100_000));
    }

    @Test
    void unavailableLinesSayWhy() {
        String scarce = createSimpleProduct(1, 10_000);
        String none = createSimpleProduct(0, 10_000);
        String brand = createBrand();
        String category = createCategory("Quotes", null);
        Map<String, Object> draftBody = product(sku(), "Draft", brand, category, 100);
        draftBody.put("status", "draft");
        String draft = createProduct(draftBody);
        String unknown = "0123456789abcdef01234567";

        customer().body(Map.of("lines", List.of(line(scarce, 2), line(none, 1), line(draft, 1), line(unknown, 1))))
                .when().post("/api/v1/products/quote")
                .then().statusCode(200)
                .body("allAvailable", equalTo(false))
                .body("lines.reason", equalTo(List.of("INSUFFICIENT_STOCK", "OUT_OF_STOCK", "NOT_AVAILABLE",
                        "NOT_FOUND")))
                .body("lines.available", equalTo(List.of(false, false, false, false)))
                .body("lines[0].availableQuantity", equalTo(1))
                .body("lines[0].unitPrice.amount", equalTo(10_000))
                .body("lines[2].unitPrice", nullValue())
                .body("lines[3].product", nullValue())
                .body("subtotal.amount", equalTo(30_000));
    }

    @Test
    void quotesNeedAValidTokenOfAnyRole() {
        String product = createSimpleProduct(1, 10_000);
        Map<String, Object> body = Map.of("lines", List.of(line(product, 1)));

        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/products/quote")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.forUser("x").expired().sign()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/products/quote").then().statusCode(401);
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/products/quote").then().statusCode(200);
    }

    @Test
    void invalidRequestsNameTheField() {
        customer().body(Map.of("lines", List.of())).when().post("/api/v1/products/quote")
                .then().statusCode(400).body("violations.field", hasItem("lines"));
        customer().body(Map.of("lines", List.of(line("0123456789abcdef01234567", 0))))
                .when().post("/api/v1/products/quote")
                .then().statusCode(400).body("violations.field", hasItem("lines[0].quantity"));
        customer().body(Map.of("lines", List.of(line("../../etc", 1))))
                .when().post("/api/v1/products/quote")
                .then().statusCode(400).body("violations.field", hasItem("lines[0].productId"));
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(line("0123456789abcdef01234567", 1));
        }
        customer().body(Map.of("lines", many)).when().post("/api/v1/products/quote")
                .then().statusCode(400).body("violations.field", hasItem("lines"));
        customer().body("{\"lines\": [{\"productId\": {\"$ne\": null}, \"quantity\": 1}]}")
                .when().post("/api/v1/products/quote")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
