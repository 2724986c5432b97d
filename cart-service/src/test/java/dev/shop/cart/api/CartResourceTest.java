package dev.shop.cart.api;

import static dev.shop.cart.support.CartApi.add;
import static dev.shop.cart.support.CartApi.as;
import static dev.shop.cart.support.CartApi.cart;
import static dev.shop.cart.support.CartApi.newUser;
import static dev.shop.cart.support.ReadModel.publish;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shop.cart.support.CatalogEvents;
import dev.shop.cart.support.CatalogEvents.Product;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The customer's cart through its HTTP API, priced from catalogue events published to the real broker. */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class CartResourceTest {

    CatalogEvents catalog;

    @BeforeEach
    void open() {
        catalog = new CatalogEvents();
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void totalsOfACartWithAnActiveAndAnExpiredOffer() {
        Instant now = Instant.now();
        Product onSale = publish(catalog, Product.active(129_900, 10)
                .withOffer(10, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1))));
        Product expired = publish(catalog, Product.active(50_000, 10)
                .withOffer(20, now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(1))));
        Product plain = publish(catalog, Product.active(999, 10));
        String user = newUser();

        add(as(user), onSale.id(), 2).then().statusCode(200);
        add(as(user), expired.id(), 1).then().statusCode(200);
        add(as(user), plain.id(), 3).then().statusCode(200);

        cart(as(user)).then().statusCode(200)
                .body("items", hasSize(3))
                .body("items[0].productId", equalTo(onSale.id()))
                .body("items[0].name", equalTo(onSale.name()))
                .body("items[0].image", equalTo(onSale.imageUrl()))
                .body("items[0].unitPrice.amount", equalTo(116_910))
                .body("items[0].unitPrice.currency", equalTo("INR"))
                .body("items[0].quantity", equalTo(2))
                .body("items[0].lineTotal.amount", equalTo(233_820))
                .body("items[0].available", equalTo(true))
                .body("items[0].notice", nullValue())
                .body("items[1].unitPrice.amount", equalTo(50_000))
                .body("items[1].lineTotal.amount", equalTo(50_000))
                .body("items[2].lineTotal.amount", equalTo(2_997))
                .body("subtotal.amount", equalTo(2 * 129_900 + 50_000 + 3 * 999))
                .body("discountTotal.amount", equalTo(2 * 12_990))
                .body("total.amount", equalTo(233_820 + 50_000 + 2_997))
                .body("total.currency", equalTo("INR"))
                .body("itemCount", equalTo(6))
                .body("updatedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void addingAgainAddsToTheLineAndClientPricesAreIgnored() {
        Product p = publish(catalog, Product.active(10_000, 10));
        String user = newUser();

        as(user).body(Map.of("productId", p.id(), "quantity", 1, "unitPrice", Map.of("amount", 1, "currency", "INR"),
                "price", 1)).when().post("/api/v1/cart/items").then().statusCode(200);
        add(as(user), p.id(), 2).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].quantity", equalTo(3))
                .body("items[0].unitPrice.amount", equalTo(10_000))
                .body("total.amount", equalTo(30_000));
    }

    @Test
    void aBadQuantityIs400NamingTheField() {
        Product p = publish(catalog, Product.active(10_000, 10));
        String user = newUser();
        List<Object> bad = new ArrayList<>(List.of(1.5, -1, 0, 100, "2", "two", true, List.of(1), Map.of("n", 1)));
        for (Object quantity : bad) {
            Response response = add(as(user), p.id(), quantity);
            assertThat(response.statusCode()).as("quantity %s", quantity).isEqualTo(400);
            assertNamesField(response, "quantity");
        }
        Response missing = as(user).body(Map.of("productId", p.id())).when().post("/api/v1/cart/items");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertNamesField(missing, "quantity");
        Response noProduct = as(user).body(Map.of("quantity", 1)).when().post("/api/v1/cart/items");
        assertThat(noProduct.statusCode()).isEqualTo(400);
        assertNamesField(noProduct, "productId");

        add(as(user), p.id(), 1).then().statusCode(200);
        for (Object quantity : List.of(-1, 1.5, 100, "3")) {
            Response patch = as(user).body(Map.of("quantity", quantity)).when()
                    .patch("/api/v1/cart/items/" + p.id());
            assertThat(patch.statusCode()).as("PATCH quantity %s", quantity).isEqualTo(400);
            assertNamesField(patch, "quantity");
        }
        cart(as(user)).then().body("items[0].quantity", equalTo(1));
    }

    @Test
    void anUnknownProductIs404() {
        String user = newUser();
        add(as(user), CatalogEvents.newProductId(), 1).then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/not-found"));
        as(user).body(Map.of("productId", "../../admin", "quantity", 1)).when().post("/api/v1/cart/items")
                .then().statusCode(400);
        cart(as(user)).then().statusCode(200).body("items", hasSize(0)).body("total.amount", equalTo(0));
    }

    @Test
    void archivedAndDraftProductsAre422() {
        Product archived = publish(catalog, Product.active(10_000, 10).withStatus("archived"));
        Product draft = publish(catalog, Product.active(10_000, 10).withStatus("draft"));
        String user = newUser();

        for (Product p : List.of(archived, draft)) {
            add(as(user), p.id(), 1).then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("type", equalTo("/problems/product-unavailable"))
                    .body("detail", containsString(p.id()));
        }
        cart(as(user)).then().body("items", hasSize(0));
    }

    @Test
    void aQuantityAboveTheStockIs422NamingWhatIsAvailable() {
        Product p = publish(catalog, Product.active(10_000, 3));
        String user = newUser();

        add(as(user), p.id(), 4).then().statusCode(422)
                .body("type", equalTo("/problems/insufficient-stock"))
                .body("detail", containsString("available: 3"));
        add(as(user), p.id(), 2).then().statusCode(200);
        add(as(user), p.id(), 2).then().statusCode(422).body("detail", containsString("available: 3"));
        as(user).body(Map.of("quantity", 5)).when().patch("/api/v1/cart/items/" + p.id())
                .then().statusCode(422).body("detail", containsString("available: 3"));
        cart(as(user)).then().body("items[0].quantity", equalTo(2));
    }

    @Test
    void aLineHoldsAtMostNinetyNineUnits() {
        Product p = publish(catalog, Product.active(100, 1_000));
        String user = newUser();
        add(as(user), p.id(), 99).then().statusCode(200);

        add(as(user), p.id(), 1).then().statusCode(422).body("type", equalTo("/problems/cart-limit"));
        cart(as(user)).then().body("items[0].quantity", equalTo(99));
    }

    @Test
    void patchSetsTheQuantityAndZeroRemovesTheLine() {
        Product a = publish(catalog, Product.active(1_000, 10));
        Product b = publish(catalog, Product.active(2_000, 10));
        String user = newUser();
        add(as(user), a.id(), 1);
        add(as(user), b.id(), 1);

        as(user).body(Map.of("quantity", 4)).when().patch("/api/v1/cart/items/" + a.id())
                .then().statusCode(200).body("items[0].quantity", equalTo(4)).body("total.amount", equalTo(6_000));
        as(user).body(Map.of("quantity", 0)).when().patch("/api/v1/cart/items/" + a.id())
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].productId", equalTo(b.id()));
        as(user).body(Map.of("quantity", 1)).when().patch("/api/v1/cart/items/" + a.id())
                .then().statusCode(404).body("type", equalTo("/problems/not-found"));
    }

    @Test
    void deletingALineAndEmptyingTheCart() {
        Product a = publish(catalog, Product.active(1_000, 10));
        Product b = publish(catalog, Product.active(2_000, 10));
        String user = newUser();
        add(as(user), a.id(), 1);
        add(as(user), b.id(), 2);

        as(user).when().delete("/api/v1/cart/items/" + a.id()).then().statusCode(200)
                .body("items", hasSize(1)).body("total.amount", equalTo(4_000));
        as(user).when().delete("/api/v1/cart/items/" + a.id()).then().statusCode(404);
        as(user).when().delete("/api/v1/cart").then().statusCode(204);
        cart(as(user)).then().statusCode(200).body("items", hasSize(0)).body("itemCount", equalTo(0));
        // Emptying an empty (or absent) cart is fine.
        as(user).when().delete("/api/v1/cart").then().statusCode(204);
        as(newUser()).when().delete("/api/v1/cart").then().statusCode(204);
    }

    @Test
    void twentyConcurrentAddsGiveQuantityTwenty() throws Exception {
        Product p = publish(catalog, Product.active(1_000, 50));
        String user = newUser();
        String token = TestTokens.customer(user);

        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body(Map.of("productId", p.id(), "quantity", 1))
                        .when().post("/api/v1/cart/items").statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(200);
        } finally {
            pool.shutdownNow();
        }

        cart(as(user)).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].quantity", equalTo(20))
                .body("total.amount", equalTo(20_000));
    }

    @Test
    void anotherUsersTokenNeverSeesOrChangesThisCart() {
        Product p = publish(catalog, Product.active(1_000, 10));
        String owner = newUser();
        String other = newUser();
        add(as(owner), p.id(), 2).then().statusCode(200);

        cart(as(other)).then().statusCode(200).body("items", hasSize(0));
        as(other).body(Map.of("quantity", 5)).when().patch("/api/v1/cart/items/" + p.id()).then().statusCode(404);
        as(other).when().delete("/api/v1/cart/items/" + p.id()).then().statusCode(404);
        as(other).when().delete("/api/v1/cart").then().statusCode(204);
        given().auth().oauth2(TestTokens.customer(other)).when().get("/internal/v1/cart")
                .then().statusCode(200).body("items", hasSize(0)).body("userId", equalTo(other));

        cart(as(owner)).then().statusCode(200).body("items", hasSize(1)).body("items[0].quantity", equalTo(2));
    }

    @Test
    void whoMayCallTheCart() {
        // Neither a token nor a cart token: only an add may start a (guest) cart.
        given().when().get("/api/v1/cart").then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("quantity", 1)).when()
                .patch("/api/v1/cart/items/p-1").then().statusCode(401);
        given().when().delete("/api/v1/cart").then().statusCode(401);
        // A bad access token is refused even with a cart token; it never falls back to a guest cart.
        given().auth().oauth2(TestTokens.forUser(newUser()).expired().sign())
                .header("X-Cart-Token", "A".repeat(43)).when().get("/api/v1/cart").then().statusCode(401);
        given().auth().oauth2("not.a.token").when().get("/api/v1/cart").then().statusCode(401);
        // A token without the customer role.
        given().auth().oauth2(TestTokens.forUser(newUser()).roles("support").sign()).when().get("/api/v1/cart")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.forUser(newUser()).roles("support").sign()).when()
                .get("/api/v1/wishlist").then().statusCode(403);
        // Merging and wishlists need a signed-in customer.
        given().contentType(ContentType.JSON).header("X-Cart-Token", "A".repeat(43))
                .body(Map.of("cartToken", "A".repeat(43))).when().post("/api/v1/cart/merge").then().statusCode(401);
        given().header("X-Cart-Token", "A".repeat(43)).when().get("/api/v1/wishlist").then().statusCode(401);
        given().when().get("/internal/v1/cart").then().statusCode(401);
    }

    static void assertNamesField(Response response, String field) {
        assertThat(response.contentType()).startsWith("application/problem+json");
        List<String> fields = response.jsonPath().getList("violations.field");
        String detail = response.jsonPath().getString("detail");
        assertThat((fields != null && fields.contains(field)) || (detail != null && detail.contains(field)))
                .as("400 names %s: violations %s, detail %s", field, fields, detail).isTrue();
    }
}
