package dev.shop.catalog.api;

import static dev.shop.catalog.CatalogFixtures.adminToken;
import static dev.shop.catalog.CatalogFixtures.createBrand;
import static dev.shop.catalog.CatalogFixtures.createCategory;
import static dev.shop.catalog.CatalogFixtures.createProduct;
import static dev.shop.catalog.CatalogFixtures.createSimpleProduct;
import static dev.shop.catalog.CatalogFixtures.product;
import static dev.shop.catalog.CatalogFixtures.sku;
import static dev.shop.catalog.OrderEvents.line;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.shop.catalog.CatalogFixtures;
import dev.shop.catalog.OrderEvents;
import dev.shop.catalog.messaging.OrderEventsConsumer;
import dev.shop.kit.messaging.IdempotentConsumer;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(ShopTestResources.class)
class ReviewResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    IdempotentConsumer idempotent;

    private static RequestSpecification as(String userId) {
        return given().auth().oauth2(TestTokens.customer(userId)).contentType(ContentType.JSON);
    }

    private static String user() {
        return "u-" + CatalogFixtures.unique(8).toLowerCase();
    }

    private static String review(String product, String userId, int rating) {
        return as(userId).body(Map.of("rating", rating, "title", "Title " + rating, "body", "Body"))
                .when().post("/api/v1/products/" + product + "/reviews")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void aCustomerReviewsAProductOnceAndTheRatingFollows() {
        String product = createSimpleProduct(5, 10_000);
        String alice = user();

        String id = as(alice).body(Map.of("rating", 4, "title", "  Good pads  ", "body", "Quiet and no dust"))
                .when().post("/api/v1/products/" + product + "/reviews")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("rating", equalTo(4)).body("title", equalTo("Good pads"))
                .body("authorName", equalTo("Customer")).body("verifiedPurchase", equalTo(false))
                .body("version", equalTo(1))
                .extract().path("id");

        as(alice).body(Map.of("rating", 5)).when().post("/api/v1/products/" + product + "/reviews")
                .then().statusCode(409).contentType(PROBLEM);
        review(product, user(), 1);

        given().when().get("/api/v1/products/" + product).then()
                .body("ratingCount", equalTo(2)).body("ratingAverage", equalTo(2.5f));
        given().when().get("/api/v1/products/" + product + "/reviews/" + id).then().statusCode(200)
                .body("body", equalTo("Quiet and no dust"));
        as(alice).when().get("/api/v1/products/" + product + "/reviews/mine").then().statusCode(200)
                .body("id", equalTo(id));
        as(user()).when().get("/api/v1/products/" + product + "/reviews/mine").then().statusCode(404);
    }

    @Test
    void reviewsAreValidated() {
        String product = createSimpleProduct(5, 10_000);
        String u = user();
        as(u).body(Map.of("rating", 0)).when().post("/api/v1/products/" + product + "/reviews")
                .then().statusCode(400).body("violations.field", hasItem("rating"));
        as(u).body(Map.of("rating", 6)).when().post("/api/v1/products/" + product + "/reviews")
                .then().statusCode(400).body("violations.field", hasItem("rating"));
        as(u).body(Map.of("title", "x")).when().post("/api/v1/products/" + product + "/reviews")
                .then().statusCode(400).body("violations.field", hasItem("rating"));
        as(u).body(Map.of("rating", 3, "title", "t".repeat(121), "body", "b".repeat(4001)))
                .when().post("/api/v1/products/" + product + "/reviews")
                .then().statusCode(400).body("violations.field", org.hamcrest.Matchers.hasItems("title", "body"));
        as(u).body(Map.of("rating", 3, "title", "t".repeat(120), "body", "b".repeat(4000)))
                .when().post("/api/v1/products/" + product + "/reviews")
                .then().statusCode(201);
        as(u).body(Map.of("rating", 3)).when().post("/api/v1/products/0123456789abcdef01234567/reviews")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void serverOwnedFieldsCannotBeSetByTheClient() {
        String product = createSimpleProduct(5, 10_000);
        Map<String, Object> body = new HashMap<>(Map.of("rating", 5, "verifiedPurchase", true, "userId", "someone",
                "authorName", "The Manufacturer", "id", "0123456789abcdef01234567"));

        as(user()).body(body).when().post("/api/v1/products/" + product + "/reviews")
                .then().statusCode(201)
                .body("verifiedPurchase", equalTo(false)).body("authorName", equalTo("Customer"))
                .body("id", org.hamcrest.Matchers.not("0123456789abcdef01234567"));
    }

    @Test
    void onlyTheAuthorEditsAndTheAuthorOrAnAdminDeletes() {
        String product = createSimpleProduct(5, 10_000);
        String author = user();
        String other = user();
        String id = review(product, author, 2);
        review(product, other, 4);

        as(other).body(Map.of("rating", 1)).when().put("/api/v1/products/" + product + "/reviews/" + id)
                .then().statusCode(404).contentType(PROBLEM);
        as(author).body(Map.of("rating", 5, "title", "Changed my mind", "version", 1))
                .when().put("/api/v1/products/" + product + "/reviews/" + id)
                .then().statusCode(200).body("rating", equalTo(5)).body("version", equalTo(2));
        as(author).body(Map.of("rating", 3, "version", 1))
                .when().put("/api/v1/products/" + product + "/reviews/" + id)
                .then().statusCode(409);
        given().when().get("/api/v1/products/" + product).then()
                .body("ratingCount", equalTo(2)).body("ratingAverage", equalTo(4.5f));

        as(other).when().delete("/api/v1/products/" + product + "/reviews/" + id).then().statusCode(404);
        as(author).when().delete("/api/v1/products/" + product + "/reviews/" + id).then().statusCode(204);
        given().when().get("/api/v1/products/" + product + "/reviews/" + id).then().statusCode(404);
        given().when().get("/api/v1/products/" + product).then()
                .body("ratingCount", equalTo(1)).body("ratingAverage", equalTo(4.0f));

        String otherReview = given().when().get("/api/v1/products/" + product + "/reviews").then()
                .extract().path("items[0].id");
        given().auth().oauth2(adminToken()).when().delete("/api/v1/products/" + product + "/reviews/" + otherReview)
                .then().statusCode(204);
        given().when().get("/api/v1/products/" + product).then().body("ratingCount", equalTo(0))
                .body("ratingAverage", equalTo(0.0f));
    }

    @Test
    void writingReviewsNeedsAToken() {
        String product = createSimpleProduct(5, 10_000);
        String id = review(product, user(), 3);

        given().contentType(ContentType.JSON).body(Map.of("rating", 5))
                .when().post("/api/v1/products/" + product + "/reviews").then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.forUser("no-role").roles().sign()).contentType(ContentType.JSON)
                .body(Map.of("rating", 5)).when().post("/api/v1/products/" + product + "/reviews")
                .then().statusCode(403);
        given().when().delete("/api/v1/products/" + product + "/reviews/" + id).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("rating", 1))
                .when().put("/api/v1/products/" + product + "/reviews/" + id).then().statusCode(401);
    }

    @Test
    void reviewsArePagedAndSorted() {
        String product = createSimpleProduct(5, 10_000);
        String first = review(product, user(), 3);
        String second = review(product, user(), 5);
        String third = review(product, user(), 1);

        given().queryParam("size", 2).when().get("/api/v1/products/" + product + "/reviews")
                .then().statusCode(200).body("total", equalTo(3)).body("size", equalTo(2))
                .body("items.id", equalTo(List.of(third, second)));
        given().queryParam("size", 2).queryParam("page", 1).when().get("/api/v1/products/" + product + "/reviews")
                .then().body("items.id", equalTo(List.of(first)));
        given().queryParam("sort", "rating").when().get("/api/v1/products/" + product + "/reviews")
                .then().body("items.rating", equalTo(List.of(5, 3, 1)));
        given().queryParam("sort", "-rating").when().get("/api/v1/products/" + product + "/reviews")
                .then().body("items.rating", equalTo(List.of(1, 3, 5)));
        given().queryParam("sort", "helpful").when().get("/api/v1/products/" + product + "/reviews")
                .then().statusCode(400).body("violations[0].field", equalTo("sort"));
        given().queryParam("size", 0).when().get("/api/v1/products/" + product + "/reviews")
                .then().statusCode(400).body("violations[0].field", equalTo("size"));
    }

    @Test
    void draftProductsHaveNoPublicReviews() {
        String brand = createBrand();
        String category = createCategory("Hidden", null);
        Map<String, Object> body = product(sku(), "Draft", brand, category, 100);
        body.put("status", "draft");
        String draft = createProduct(body);

        given().when().get("/api/v1/products/" + draft + "/reviews").then().statusCode(404);
        as(user()).body(Map.of("rating", 5)).when().post("/api/v1/products/" + draft + "/reviews")
                .then().statusCode(404);
    }

    @Test
    void aDeliveredOrderMakesReviewsVerifiedPurchases() {
        String product = createSimpleProduct(5, 10_000);
        String buyer = user();
        String earlyReviewer = user();
        String earlyReview = review(product, earlyReviewer, 4);

        try (OrderEvents orders = new OrderEvents()) {
            for (String customer : List.of(buyer, earlyReviewer)) {
                String orderId = OrderEvents.newOrderId();
                orders.send(orderId, OrderEvents.placed(orderId, customer, List.of(line(product, 1))));
                String delivered = OrderEvents.delivered(orderId, customer, List.of(line(product, 1)));
                orders.send(orderId, delivered);
                awaitProcessed(OrderEvents.eventId(delivered));
            }
        }

        as(buyer).body(Map.of("rating", 5)).when().post("/api/v1/products/" + product + "/reviews")
                .then().statusCode(201).body("verifiedPurchase", equalTo(true));
        given().when().get("/api/v1/products/" + product + "/reviews/" + earlyReview)
                .then().body("verifiedPurchase", equalTo(true));
        as(user()).body(Map.of("rating", 2)).when().post("/api/v1/products/" + product + "/reviews")
                .then().statusCode(201).body("verifiedPurchase", equalTo(false));
    }

    private void awaitProcessed(String eventId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!idempotent.hasProcessed(OrderEventsConsumer.CONSUMER, eventId).await().indefinitely()) {
            assertThat(System.nanoTime()).as("event %s processed in time", eventId).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
