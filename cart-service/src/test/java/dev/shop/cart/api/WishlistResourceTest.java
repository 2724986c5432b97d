package dev.shop.cart.api;

import static dev.shop.cart.support.CartApi.add;
import static dev.shop.cart.support.CartApi.as;
import static dev.shop.cart.support.CartApi.cart;
import static dev.shop.cart.support.CartApi.newUser;
import static dev.shop.cart.support.ReadModel.publish;
import static dev.shop.cart.support.ReadModel.publishUpdate;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shop.cart.support.CatalogEvents;
import dev.shop.cart.support.CatalogEvents.Product;
import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(ShopTestResources.class)
class WishlistResourceTest {

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
    void addingIsIdempotentAndEachItemShowsItsCurrentPriceAndAvailability() {
        Instant now = Instant.now();
        Product onSale = publish(catalog, Product.active(10_000, 10).withOffer(25, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(1))));
        Product soldOut = publish(catalog, Product.active(2_000, 0));
        String user = newUser();

        wish(user, onSale.id()).then().statusCode(201).body("itemCount", equalTo(1));
        wish(user, onSale.id()).then().statusCode(200).body("itemCount", equalTo(1));
        wish(user, soldOut.id()).then().statusCode(201);

        as(user).when().get("/api/v1/wishlist").then().statusCode(200)
                .body("itemCount", equalTo(2))
                .body("items.productId", equalTo(List.of(soldOut.id(), onSale.id())))
                .body("items[1].name", equalTo(onSale.name()))
                .body("items[1].image", equalTo(onSale.imageUrl()))
                .body("items[1].price.amount", equalTo(7_500))
                .body("items[1].listPrice.amount", equalTo(10_000))
                .body("items[1].onSale", equalTo(true))
                .body("items[1].available", equalTo(true))
                .body("items[1].notice", nullValue())
                .body("items[1].addedAt", notNullValue())
                .body("items[0].available", equalTo(false))
                .body("items[0].notice", equalTo("This product is out of stock"));

        publishUpdate(catalog, onSale.withPrice(12_000), "price");
        as(user).when().get("/api/v1/wishlist").then().body("items[1].price.amount", equalTo(9_000));
    }

    @Test
    void unknownAndUnsoldProductsAreRefused() {
        Product archived = publish(catalog, Product.active(1_000, 5).withStatus("archived"));
        String user = newUser();

        wish(user, CatalogEvents.newProductId()).then().statusCode(404);
        wish(user, archived.id()).then().statusCode(422).body("type", equalTo("/problems/product-unavailable"));
        as(user).body(Map.of()).when().post("/api/v1/wishlist").then().statusCode(400)
                .body("violations[0].field", equalTo("productId"));
        as(user).when().get("/api/v1/wishlist").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void removingAProduct() {
        Product p = publish(catalog, Product.active(1_000, 5));
        String user = newUser();
        wish(user, p.id());

        as(user).when().delete("/api/v1/wishlist/" + p.id()).then().statusCode(204);
        as(user).when().delete("/api/v1/wishlist/" + p.id()).then().statusCode(404);
        as(user).when().get("/api/v1/wishlist").then().body("items", hasSize(0));
    }

    @Test
    void moveToCartPutsOneUnitInTheCartOnceAndTakesItOffTheWishlist() {
        Product p = publish(catalog, Product.active(1_000, 5));
        Product other = publish(catalog, Product.active(500, 5));
        String user = newUser();
        wish(user, p.id());
        wish(user, other.id());

        as(user).when().post("/api/v1/wishlist/" + p.id() + "/move-to-cart").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].productId", equalTo(p.id()))
                .body("items[0].quantity", equalTo(1));
        as(user).when().get("/api/v1/wishlist").then().body("items.productId", equalTo(List.of(other.id())));
        as(user).when().post("/api/v1/wishlist/" + p.id() + "/move-to-cart").then().statusCode(404);

        // Moving a product already in the cart leaves its line as it is.
        add(as(user), other.id(), 3);
        as(user).when().post("/api/v1/wishlist/" + other.id() + "/move-to-cart").then().statusCode(200);
        cart(as(user)).then().body("items.quantity", equalTo(List.of(1, 3)));
        as(user).when().get("/api/v1/wishlist").then().body("items", hasSize(0));
    }

    @Test
    void aProductThatCannotBeBoughtStaysOnTheWishlist() {
        Product p = publish(catalog, Product.active(1_000, 0));
        String user = newUser();
        wish(user, p.id()).then().statusCode(201);

        as(user).when().post("/api/v1/wishlist/" + p.id() + "/move-to-cart").then().statusCode(422)
                .body("type", equalTo("/problems/insufficient-stock"));
        as(user).when().get("/api/v1/wishlist").then().body("items", hasSize(1));
        cart(as(user)).then().body("items", hasSize(0));
    }

    @Test
    void anotherUsersWishlistIsNeverVisible() {
        Product p = publish(catalog, Product.active(1_000, 5));
        String owner = newUser();
        String other = newUser();
        wish(owner, p.id());

        as(other).when().get("/api/v1/wishlist").then().body("items", hasSize(0));
        as(other).when().delete("/api/v1/wishlist/" + p.id()).then().statusCode(404);
        as(other).when().post("/api/v1/wishlist/" + p.id() + "/move-to-cart").then().statusCode(404);
        as(owner).when().get("/api/v1/wishlist").then().body("items", hasSize(1));
    }

    private static io.restassured.response.Response wish(String user, String productId) {
        return as(user).body(Map.of("productId", productId)).when().post("/api/v1/wishlist");
    }
}
