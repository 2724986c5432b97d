package dev.shop.catalog.api;

import static dev.shop.catalog.CatalogFixtures.asAdmin;
import static dev.shop.catalog.CatalogFixtures.createBrand;
import static dev.shop.catalog.CatalogFixtures.createCategory;
import static dev.shop.catalog.CatalogFixtures.createModel;
import static dev.shop.catalog.CatalogFixtures.createProduct;
import static dev.shop.catalog.CatalogFixtures.offer;
import static dev.shop.catalog.CatalogFixtures.product;
import static dev.shop.catalog.CatalogFixtures.sku;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shop.contracts.catalog.ProductCreated;
import dev.shop.contracts.catalog.ProductDeleted;
import dev.shop.contracts.catalog.ProductUpdated;
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
class ProductResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final Duration WAIT = Duration.ofSeconds(20);

    TopicProbe products;
    String brand;
    String category;

    @BeforeEach
    void setUp() {
        products = TopicProbe.open(Topics.CATALOG_PRODUCTS);
        brand = createBrand();
        createModel(brand, "CITY", "City");
        category = createCategory("Brakes", null);
    }

    @AfterEach
    void closeProbe() {
        products.close();
    }

    @Test
    void adminCreatesAProductAndItsEventIsPublished() {
        String sku = sku();
        Map<String, Object> body = product(sku, "Front Brake Pads (Ceramic)", brand, category, 249_900);
        body.put("description", "Low dust");
        body.put("models", List.of(Map.of("brand", brand, "model", "CITY")));
        body.put("attributes", Map.of("position", "front", "material", "ceramic"));
        body.put("stock", 42);

        String id = asAdmin().header("X-Request-Id", "create-product-0001").body(body)
                .when().post("/api/v1/products")
                .then().statusCode(201)
                .body("sku", equalTo(sku))
                .body("slug", equalTo("front-brake-pads-ceramic-" + sku.toLowerCase()))
                .body("price.amount", equalTo(249_900)).body("price.currency", equalTo("INR"))
                .body("effectivePrice.amount", equalTo(249_900))
                .body("onSale", equalTo(false))
                .body("stock", equalTo(42)).body("inStock", equalTo(true)).body("stockStatus", equalTo("IN_STOCK"))
                .body("models[0].brand", equalTo(brand)).body("models[0].model", equalTo("CITY"))
                .body("attributes.position", equalTo("front"))
                .body("category.id", equalTo(category))
                .body("status", equalTo("active")).body("version", equalTo(1))
                .body("ratingAverage", equalTo(0.0f)).body("ratingCount", equalTo(0)).body("soldCount", equalTo(0))
                .extract().path("id");

        EventEnvelope event = products.awaitEvents(ProductCreated.TYPE, 1, WAIT).stream()
                .filter(e -> e.aggregateId().equals(id)).findFirst().orElseThrow();
        ProductCreated created = EventJson.dataAs(event, ProductCreated.class);
        assertThat(event.correlationId()).isEqualTo("create-product-0001");
        assertThat(created.product().sku()).isEqualTo(sku);
        assertThat(created.product().stock()).isEqualTo(42);
        assertThat(created.product().price().amount()).isEqualTo(249_900);
        assertThat(created.product().status()).isEqualTo("active");
    }

    @Test
    void aProductIsReadByIdOrSlugWithCachingHeaders() {
        String id = createProduct(product(sku(), "Wiper blade", brand, category, 49_900));
        String slug = given().when().get("/api/v1/products/" + id).then().statusCode(200).extract().path("slug");

        String etag = given().when().get("/api/v1/products/" + slug)
                .then().statusCode(200).body("id", equalTo(id))
                .header("Cache-Control", equalTo("public, max-age=30"))
                .extract().header("ETag");
        given().header("If-None-Match", etag).when().get("/api/v1/products/" + id).then().statusCode(304);
        given().when().get("/api/v1/products/0123456789abcdef01234567").then().statusCode(404).contentType(PROBLEM);
        given().when().get("/api/v1/products/no-such-slug").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void customersNeverSeeDraftsButAdminsDo() {
        Map<String, Object> body = product(sku(), "Secret part", brand, category, 10_000);
        body.put("status", "draft");
        String id = createProduct(body);

        given().when().get("/api/v1/products/" + id).then().statusCode(404);
        given().auth().oauth2(TestTokens.customer("c-1")).when().get("/api/v1/products/" + id).then().statusCode(404);
        asAdmin().when().get("/api/v1/products/" + id)
                .then().statusCode(200).body("status", equalTo("draft"))
                .header("Cache-Control", equalTo("private, no-cache"));
    }

    @Test
    void anOfferDiscountsTheEffectivePriceOnlyInsideItsWindow() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> running = product(sku(), "Horn", brand, category, 99_999);
        running.put("offer", offer(15, now.minus(1, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS)));
        Map<String, Object> later = product(sku(), "Horn later", brand, category, 99_999);
        later.put("offer", offer(15, now.plus(1, ChronoUnit.DAYS), now.plus(2, ChronoUnit.DAYS)));
        Map<String, Object> over = product(sku(), "Horn over", brand, category, 99_999);
        over.put("offer", offer(15, now.minus(2, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS)));

        given().when().get("/api/v1/products/" + createProduct(running)).then().statusCode(200)
                // 15 % of 999.99 is 149.9985, rounded half up to 150.00
                .body("effectivePrice.amount", equalTo(84_999)).body("onSale", equalTo(true))
                .body("offer.percent", equalTo(15)).body("offer.active", equalTo(true))
                .body("offer.label", equalTo("Sale"));
        given().when().get("/api/v1/products/" + createProduct(later)).then().statusCode(200)
                .body("effectivePrice.amount", equalTo(99_999)).body("onSale", equalTo(false))
                .body("offer.active", equalTo(false));
        given().when().get("/api/v1/products/" + createProduct(over)).then().statusCode(200)
                .body("effectivePrice.amount", equalTo(99_999)).body("onSale", equalTo(false));
    }

    @Test
    void invalidProductsAreRefusedNamingTheField() {
        asAdmin().body(Map.of("name", "x"))
                .when().post("/api/v1/products")
                .then().statusCode(400).contentType(PROBLEM)
                .body("violations.field", hasItems("sku", "brand", "categoryId", "price"));

        Map<String, Object> body = product("lower-case", "x", brand, category, 100);
        body.put("stock", -1);
        body.put("status", "published");
        asAdmin().body(body).when().post("/api/v1/products")
                .then().statusCode(400).body("violations.field", hasItems("sku", "stock", "status"));

        body = product(sku(), "x", brand, category, 100);
        body.put("price", Map.of("amount", 100, "currency", "USD"));
        asAdmin().body(body).when().post("/api/v1/products")
                .then().statusCode(400).body("violations.field", hasItem("price.currency"));

        body = product(sku(), "x", brand, category, 0);
        asAdmin().body(body).when().post("/api/v1/products")
                .then().statusCode(400).body("violations.field", hasItem("price.amount"));

        Instant now = Instant.now();
        body = product(sku(), "x", brand, category, 100);
        body.put("offer", offer(95, now, now.plusSeconds(60)));
        asAdmin().body(body).when().post("/api/v1/products")
                .then().statusCode(400).body("violations.field", hasItem("offer.percent"));
        body.put("offer", offer(10, now, now.minusSeconds(60)));
        asAdmin().body(body).when().post("/api/v1/products")
                .then().statusCode(400).body("violations.field", hasItem("offer.validTo"));

        body = product(sku(), "x", brand, category, 100);
        body.put("price", Map.of("amount", Map.of("$gt", 0), "currency", "INR"));
        asAdmin().body(body).when().post("/api/v1/products")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("price.amount"));
    }

    @Test
    void referencesMustExist() {
        Map<String, Object> body = product(sku(), "x", "NOSUCHBRND", "0123456789abcdef01234567", 100);
        body.put("models", List.of(Map.of("brand", brand, "model", "NOPE")));
        asAdmin().body(body).when().post("/api/v1/products")
                .then().statusCode(400).contentType(PROBLEM)
                .body("violations.field", hasItems("brand", "categoryId", "models[0]"));
    }

    @Test
    void skusAreUnique() {
        String sku = sku();
        createProduct(product(sku, "First", brand, category, 100));
        asAdmin().body(product(sku, "Second", brand, category, 100))
                .when().post("/api/v1/products")
                .then().statusCode(409).contentType(PROBLEM).body("detail", containsString(sku));
    }

    @Test
    void aFullUpdateNeedsTheCurrentVersion() {
        String id = createProduct(product(sku(), "Clutch plate", brand, category, 300_000));
        Map<String, Object> body = new HashMap<>(product(sku(), "Clutch plate HD", brand, category, 320_000));
        body.put("version", 1);

        asAdmin().body(body).when().put("/api/v1/products/" + id)
                .then().statusCode(200)
                .body("name", equalTo("Clutch plate HD")).body("price.amount", equalTo(320_000))
                .body("version", equalTo(2)).body("stock", equalTo(10));

        EventEnvelope event = products.awaitEvents(ProductUpdated.TYPE, 1, WAIT).stream()
                .filter(e -> e.aggregateId().equals(id)).findFirst().orElseThrow();
        assertThat(EventJson.dataAs(event, ProductUpdated.class).changes()).containsExactly("sku", "name", "price");

        body.put("name", "Lost update");
        asAdmin().body(body).when().put("/api/v1/products/" + id)
                .then().statusCode(409).contentType(PROBLEM);
        given().when().get("/api/v1/products/" + id).then().body("name", equalTo("Clutch plate HD"));

        body.put("version", 2);
        body.put("status", "draft");
        asAdmin().body(body).when().put("/api/v1/products/" + id)
                .then().statusCode(409).body("detail", containsString("archive"));

        asAdmin().body(body).when().put("/api/v1/products/0123456789abcdef01234567")
                .then().statusCode(404);
        body.remove("version");
        asAdmin().body(body).when().put("/api/v1/products/" + id)
                .then().statusCode(400).body("violations.field", hasItem("version"));
    }

    @Test
    void aMergePatchChangesOnlyWhatItNames() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> body = product(sku(), "Headlamp", brand, category, 150_000);
        body.put("offer", offer(10, now.minusSeconds(3600), now.plusSeconds(3600)));
        body.put("attributes", Map.of("side", "left", "bulb", "H4"));
        String id = createProduct(body);

        given().auth().oauth2(dev.shop.catalog.CatalogFixtures.adminToken()).contentType("application/merge-patch+json")
                .body("{\"version\":1,\"price\":{\"amount\":160000},\"attributes\":{\"bulb\":null,\"watts\":\"60\"}}")
                .when().patch("/api/v1/products/" + id)
                .then().statusCode(200)
                .body("price.amount", equalTo(160_000)).body("name", equalTo("Headlamp"))
                .body("effectivePrice.amount", equalTo(144_000))
                .body("attributes.side", equalTo("left")).body("attributes.watts", equalTo("60"))
                .body("attributes.bulb", nullValue())
                .body("version", equalTo(2));

        asAdmin().body("{\"version\":2,\"offer\":null}").when().patch("/api/v1/products/" + id)
                .then().statusCode(200).body("offer", nullValue()).body("effectivePrice.amount", equalTo(160_000));

        asAdmin().body("{\"price\":{\"amount\":1}}").when().patch("/api/v1/products/" + id)
                .then().statusCode(400).body("violations[0].field", equalTo("version"));
        asAdmin().body("{\"version\":3,\"price\":{\"amount\":-5}}").when().patch("/api/v1/products/" + id)
                .then().statusCode(400).body("violations.field", hasItem("price.amount"));
        asAdmin().body("{\"version\":3,\"status\":\"gone\"}").when().patch("/api/v1/products/" + id)
                .then().statusCode(400).body("violations.field", hasItem("status"));
        asAdmin().body("{\"version\":1,\"name\":\"Stale\"}").when().patch("/api/v1/products/" + id)
                .then().statusCode(409);
        asAdmin().body("[1,2]").when().patch("/api/v1/products/" + id).then().statusCode(400);
    }

    @Test
    void deletingAProductHidesItForGoodAndAnnouncesIt() {
        String sku = sku();
        String id = createProduct(product(sku, "Fog lamp", brand, category, 70_000));

        asAdmin().when().delete("/api/v1/products/" + id).then().statusCode(204);

        given().when().get("/api/v1/products/" + id).then().statusCode(404);
        asAdmin().when().get("/api/v1/products/" + id).then().statusCode(404);
        asAdmin().when().delete("/api/v1/products/" + id).then().statusCode(404);
        asAdmin().body(product(sku, "Fog lamp again", brand, category, 70_000))
                .when().post("/api/v1/products").then().statusCode(409);
        EventEnvelope event = products.awaitEvents(ProductDeleted.TYPE, 1, WAIT).stream()
                .filter(e -> e.aggregateId().equals(id)).findFirst().orElseThrow();
        assertThat(EventJson.dataAs(event, ProductDeleted.class).sku()).isEqualTo(sku);
    }

    @Test
    void productWritesNeedTheAdminRole() {
        String id = createProduct(product(sku(), "Mirror", brand, category, 20_000));
        Map<String, Object> body = product(sku(), "Nope", brand, category, 100);
        String customer = TestTokens.customer("c-9");

        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/products").then().statusCode(401)
                .contentType(PROBLEM);
        given().auth().oauth2(customer).contentType(ContentType.JSON).body(body).when().post("/api/v1/products")
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(customer).contentType(ContentType.JSON).body(body).when().put("/api/v1/products/" + id)
                .then().statusCode(403);
        given().auth().oauth2(customer).contentType(ContentType.JSON).body("{\"version\":1}")
                .when().patch("/api/v1/products/" + id).then().statusCode(403);
        given().auth().oauth2(customer).when().delete("/api/v1/products/" + id).then().statusCode(403);
        given().when().delete("/api/v1/products/" + id).then().statusCode(401);
        given().when().get("/api/v1/products/" + id).then().statusCode(200);
    }

    @Test
    void serverManagedFieldsCannotBeSetByTheClient() {
        Map<String, Object> body = product(sku(), "Battery", brand, category, 500_000);
        body.put("id", "0123456789abcdef01234567");
        body.put("ratingAverage", 5);
        body.put("ratingCount", 1000);
        body.put("soldCount", 99);
        body.put("version", 7);
        String id = createProduct(body);

        given().when().get("/api/v1/products/" + id).then().statusCode(200)
                .body("id", org.hamcrest.Matchers.not("0123456789abcdef01234567"))
                .body("ratingCount", equalTo(0)).body("soldCount", equalTo(0)).body("version", equalTo(1));
    }

    @Test
    void taxonomyStillInUseCannotBeDeleted() {
        String otherCategory = createCategory("Lighting", null);
        Map<String, Object> body = product(sku(), "Bulb", brand, otherCategory, 5_000);
        body.put("models", List.of(Map.of("brand", brand, "model", "CITY")));
        createProduct(body);
        createProduct(product(sku(), "Bulb 2", brand, otherCategory, 5_000));

        asAdmin().when().delete("/api/v1/brands/" + brand)
                .then().statusCode(409).contentType(PROBLEM).body("detail", containsString("2 product"));
        asAdmin().when().delete("/api/v1/brands/" + brand + "/models/CITY")
                .then().statusCode(409).body("detail", containsString("1 product"));
        asAdmin().when().delete("/api/v1/categories/" + otherCategory)
                .then().statusCode(409).body("detail", containsString("2 product"));
        given().when().get("/api/v1/brands/" + brand).then().statusCode(200);
    }

    @Test
    void locationHeaderNamesTheNewProduct() {
        var response = asAdmin().body(product(sku(), "Seat cover", brand, category, 1_000))
                .when().post("/api/v1/products");
        response.then().statusCode(201).header("Location", notNullValue());
        assertThat(response.header("Location")).endsWith("/api/v1/products/" + response.path("id"));
    }
}
