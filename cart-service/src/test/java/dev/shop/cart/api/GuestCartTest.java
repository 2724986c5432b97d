package dev.shop.cart.api;

import static dev.shop.cart.support.CartApi.CART_TOKEN;
import static dev.shop.cart.support.CartApi.add;
import static dev.shop.cart.support.CartApi.as;
import static dev.shop.cart.support.CartApi.asGuest;
import static dev.shop.cart.support.CartApi.cart;
import static dev.shop.cart.support.CartApi.newUser;
import static dev.shop.cart.support.ReadModel.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.cart.persistence.CartRepository;
import dev.shop.cart.support.CatalogEvents;
import dev.shop.cart.support.CatalogEvents.Product;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Carts of callers who have not signed in, known by their X-Cart-Token, and their merge after sign-in. */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class GuestCartTest {

    @Inject
    CartRepository carts;

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
    void theFirstAnonymousAddIssuesACartTokenThatOpensTheCart() {
        Product p = publish(catalog, Product.active(1_000, 10));

        Response first = add(asGuest(null), p.id(), 2);
        first.then().statusCode(200).body("items[0].quantity", equalTo(2));
        String token = first.header(CART_TOKEN);
        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");

        Response second = add(asGuest(token), p.id(), 1);
        second.then().statusCode(200).body("items[0].quantity", equalTo(3));
        assertThat(second.header(CART_TOKEN)).as("a token is issued once").isNull();
        cart(asGuest(token)).then().statusCode(200).body("items[0].quantity", equalTo(3))
                .body("total.amount", equalTo(3_000));
        asGuest(token).body(Map.of("quantity", 1)).when().patch("/api/v1/cart/items/" + p.id())
                .then().statusCode(200).body("items[0].quantity", equalTo(1));

        // The database holds only a hash of the token.
        Document stored = carts.mongoCollection().withDocumentClass(Document.class)
                .find(Filters.eq("guestTokenHash", stored(token))).collect().first().await().indefinitely();
        assertThat(stored).isNotNull();
        assertThat(stored.toJson()).doesNotContain(token);
        assertThat(stored.get("expiresAt")).isInstanceOf(Date.class);
    }

    @Test
    void aRefusedFirstAddLeavesNoCartAndIssuesNoToken() {
        Product archived = publish(catalog, Product.active(1_000, 10).withStatus("archived"));
        Product scarce = publish(catalog, Product.active(1_000, 1));
        long before = guestCarts();

        Response unavailable = add(asGuest(null), archived.id(), 1);
        Response tooMany = add(asGuest(null), scarce.id(), 2);

        assertThat(unavailable.statusCode()).isEqualTo(422);
        assertThat(tooMany.statusCode()).isEqualTo(422);
        assertThat(unavailable.header(CART_TOKEN)).isNull();
        assertThat(tooMany.header(CART_TOKEN)).isNull();
        assertThat(guestCarts()).isEqualTo(before);
    }

    @Test
    void anotherGuestsTokenOrNoneSeesNothing() {
        Product p = publish(catalog, Product.active(1_000, 10));
        String token = add(asGuest(null), p.id(), 1).header(CART_TOKEN);

        String other = add(asGuest(null), p.id(), 5).header(CART_TOKEN);
        assertThat(other).isNotEqualTo(token);
        cart(asGuest(token)).then().body("items[0].quantity", equalTo(1));
        cart(asGuest("B".repeat(43))).then().statusCode(200).body("items", hasSize(0));
        // A signed-in customer sending a guest's token sees their own cart.
        cart(as(newUser()).header(CART_TOKEN, token)).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void aMalformedCartTokenIs400() {
        Response response = cart(asGuest("not-a-token"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getList("violations.field")).containsExactly("X-Cart-Token");
    }

    @Test
    void aGuestCartIdleForThirtyDaysIsGoneAndTheNextAddStartsANewOne() {
        Product p = publish(catalog, Product.active(1_000, 10));
        String token = add(asGuest(null), p.id(), 2).header(CART_TOKEN);
        Instant longAgo = Instant.now().minusSeconds(31L * 24 * 3600);
        carts.mongoCollection().updateOne(Filters.eq("guestTokenHash", stored(token)),
                Updates.combine(Updates.set("lastActiveAt", longAgo),
                        Updates.set("expiresAt", longAgo.plusSeconds(30L * 24 * 3600))))
                .await().indefinitely();

        cart(asGuest(token)).then().statusCode(200).body("items", hasSize(0)).body("updatedAt", nullValue());

        Response again = add(asGuest(token), p.id(), 1);
        again.then().statusCode(200).body("items[0].quantity", equalTo(1));
        String fresh = again.header(CART_TOKEN);
        assertThat(fresh).isNotNull().isNotEqualTo(token);
        assertThat(count(stored(token))).isZero();
    }

    @Test
    void guestAddThenSignInThenMerge() {
        Product both = publish(catalog, Product.active(1_000, 500));
        Product scarce = publish(catalog, Product.active(2_000, 4));
        Product guestOnly = publish(catalog, Product.active(3_000, 10));
        String token = add(asGuest(null), both.id(), 50).header(CART_TOKEN);
        add(asGuest(token), scarce.id(), 3).then().statusCode(200);
        add(asGuest(token), guestOnly.id(), 1).then().statusCode(200);
        String user = newUser();
        add(as(user), both.id(), 60).then().statusCode(200);
        add(as(user), scarce.id(), 2).then().statusCode(200);

        Response merged = as(user).body(Map.of("cartToken", token)).when().post("/api/v1/cart/merge");

        merged.then().statusCode(200)
                .body("items.productId", equalTo(List.of(both.id(), scarce.id(), guestOnly.id())))
                .body("items.quantity", equalTo(List.of(99, 4, 1)))
                .body("items[0].notice", equalTo(
                        "At most 99 units of a product fit in a cart: quantity reduced from 110 to 99"))
                .body("items[1].notice", equalTo("Only 4 left in stock: quantity reduced from 5 to 4"))
                .body("items[2].notice", nullValue())
                .body("total.amount", equalTo(99 * 1_000 + 4 * 2_000 + 3_000));
        assertThat(count(stored(token))).as("the guest cart is deleted").isZero();
        cart(asGuest(token)).then().statusCode(200).body("items", hasSize(0));

        // Repeating the merge (a retry) adds nothing.
        as(user).body(Map.of("cartToken", token)).when().post("/api/v1/cart/merge")
                .then().statusCode(200).body("items.quantity", equalTo(List.of(99, 4, 1)));
    }

    @Test
    void mergingIntoACustomerWithoutACartCreatesItAndABadTokenIs400() {
        Product p = publish(catalog, Product.active(1_000, 10));
        String token = add(asGuest(null), p.id(), 2).header(CART_TOKEN);
        String user = newUser();

        as(user).body(Map.of("cartToken", token)).when().post("/api/v1/cart/merge")
                .then().statusCode(200).body("items[0].quantity", equalTo(2));
        cart(as(user)).then().body("items[0].quantity", equalTo(2));

        Response bad = as(user).body(Map.of("cartToken", "x")).when().post("/api/v1/cart/merge");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.jsonPath().getList("violations.field")).containsExactly("cartToken");
        as(user).body(Map.of()).when().post("/api/v1/cart/merge").then().statusCode(400);
    }

    @Test
    void guestCartsExpireByATtlIndexOnRealMongo() {
        List<Document> indexes = carts.mongoCollection().listIndexes().collect().asList().await().indefinitely();
        assertThat(indexes).anySatisfy(index -> {
            assertThat(index.get("key", Document.class)).containsKey("expiresAt");
            assertThat(((Number) index.get("expireAfterSeconds")).longValue()).isZero();
        });
    }

    private long guestCarts() {
        return carts.mongoCollection().countDocuments(Filters.exists("guestTokenHash")).await().indefinitely();
    }

    private long count(String tokenHash) {
        return carts.mongoCollection().countDocuments(Filters.eq("guestTokenHash", tokenHash)).await()
                .indefinitely();
    }

    private static String stored(String token) {
        return dev.shop.cart.domain.CartToken.parse(token).orElseThrow().owner().tokenHash();
    }
}
