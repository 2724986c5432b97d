package dev.shop.cart.api;

import static dev.shop.cart.support.CartApi.add;
import static dev.shop.cart.support.CartApi.as;
import static dev.shop.cart.support.CartApi.cart;
import static dev.shop.cart.support.CartApi.newUser;
import static dev.shop.cart.support.ReadModel.publish;
import static dev.shop.cart.support.ReadModel.publishUpdate;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shop.cart.support.CatalogEvents;
import dev.shop.cart.support.CatalogEvents.Product;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The checkout read order-service makes with the customer's token (the contract with order-service). */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class InternalCartResourceTest {

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
    void theCheckoutReadHasTheContractShape() {
        Product a = publish(catalog, Product.active(129_900, 10));
        Product b = publish(catalog, Product.active(5_000, 10));
        String user = newUser();
        add(as(user), a.id(), 2);
        add(as(user), b.id(), 1);
        publishUpdate(catalog, b.withStatus("archived"), "status");

        JsonPath body = internal(user).then().statusCode(200).contentType("application/json")
                .body("userId", equalTo(user))
                .body("items", hasSize(2))
                .body("items[0].productId", equalTo(a.id()))
                .body("items[0].quantity", equalTo(2))
                .body("items[0].unitPrice.amount", equalTo(129_900))
                .body("items[0].unitPrice.currency", equalTo("INR"))
                .body("items[0].available", equalTo(true))
                .body("items[1].productId", equalTo(b.id()))
                .body("items[1].available", equalTo(false))
                .body("updatedAt", notNullValue())
                .extract().jsonPath();
        assertThat(body.getMap("items[0]")).containsOnlyKeys("productId", "quantity", "unitPrice", "available");
        assertThat(body.getMap("$")).containsOnlyKeys("userId", "items", "updatedAt");
    }

    @Test
    void anAbsentCartHasNoItems() {
        String user = newUser();
        internal(user).then().statusCode(200).body("userId", equalTo(user)).body("items", hasSize(0));
    }

    @Test
    void theCheckoutReadDoesNotClearNotices() {
        Product p = publish(catalog, Product.active(129_900, 10));
        String user = newUser();
        add(as(user), p.id(), 5);
        publishUpdate(catalog, p.withPrice(109_900).withStock(3), "price", "stock");

        internal(user).then().statusCode(200)
                .body("items[0].unitPrice.amount", equalTo(109_900))
                .body("items[0].quantity", equalTo(3));
        internal(user).then().statusCode(200).body("items[0].quantity", equalTo(3));

        cart(as(user)).then().statusCode(200)
                .body("items[0].quantity", equalTo(3))
                .body("items[0].notice", equalTo(
                        "Price changed from ₹1,299 to ₹1,099; Only 3 left in stock: quantity reduced from 5 to 3"));
    }

    @Test
    void onlyTheCustomersOwnTokenReadsIt() {
        Product p = publish(catalog, Product.active(1_000, 10));
        String owner = newUser();
        add(as(owner), p.id(), 1);

        internal(newUser()).then().statusCode(200).body("items", hasSize(0));
        given().when().get("/internal/v1/cart").then().statusCode(401);
        given().auth().oauth2(TestTokens.forUser(owner).roles("support").sign()).when().get("/internal/v1/cart")
                .then().statusCode(403);
        // The path takes no user id: there is nothing to point at someone else's cart with.
        given().auth().oauth2(TestTokens.customer(newUser())).queryParams(Map.of("userId", owner))
                .when().get("/internal/v1/cart").then().statusCode(200).body("items", hasSize(0));
    }

    private static io.restassured.response.Response internal(String user) {
        return given().auth().oauth2(TestTokens.customer(user)).when().get("/internal/v1/cart");
    }
}
