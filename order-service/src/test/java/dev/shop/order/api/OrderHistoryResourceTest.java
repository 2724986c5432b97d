package dev.shop.order.api;

import static dev.shop.order.support.Orders.awaitStatus;
import static dev.shop.order.support.Orders.newUser;
import static dev.shop.order.support.Orders.placeCod;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.shop.order.support.CatalogRole;
import dev.shop.order.support.FakeWorld;
import dev.shop.order.support.Orders;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A customer's order history, reading one order, and who may read what. */
@QuarkusTest
@WithTestResource(ShopTestResources.class)
class OrderHistoryResourceTest {

    CatalogRole catalog;

    @BeforeEach
    void open() {
        catalog = new CatalogRole();
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void aCustomerListsTheirOwnOrdersNewestFirstFilteredAndPaged() {
        String user = newUser();
        FakeWorld.cart(user, FakeWorld.line(FakeWorld.product("Bar end", 2_900, 50), 1));
        String first = placeCod(user);
        String second = placeCod(user);
        String third = placeCod(user);
        catalog.reserve(second);
        awaitStatus(user, second, "CONFIRMED");
        // Someone else's orders never show.
        String other = newUser();
        FakeWorld.cart(other, FakeWorld.line(FakeWorld.product("Lever", 4_900, 50), 1));
        placeCod(other);

        String token = TestTokens.customer(user);
        given().auth().oauth2(token).when().get("/api/v1/orders")
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("page", equalTo(0))
                .body("size", equalTo(20))
                .body("items.id", equalTo(List.of(third, second, first)))
                .body("items[0].userId", equalTo(user));
        given().auth().oauth2(token).queryParam("size", 2).when().get("/api/v1/orders")
                .then().statusCode(200).body("items.id", equalTo(List.of(third, second))).body("total", equalTo(3));
        given().auth().oauth2(token).queryParam("size", 2).queryParam("page", 1).when().get("/api/v1/orders")
                .then().statusCode(200).body("items.id", equalTo(List.of(first)));
        given().auth().oauth2(token).queryParam("status", "CONFIRMED").when().get("/api/v1/orders")
                .then().statusCode(200).body("items.id", equalTo(List.of(second))).body("total", equalTo(1));
        given().auth().oauth2(token).queryParam("status", "DELIVERED").when().get("/api/v1/orders")
                .then().statusCode(200).body("items", hasSize(0)).body("total", equalTo(0));

        given().auth().oauth2(token).queryParam("status", "LOST").when().get("/api/v1/orders")
                .then().statusCode(400).body("violations[0].field", equalTo("status"));
        given().auth().oauth2(token).queryParam("size", 500).when().get("/api/v1/orders")
                .then().statusCode(400).body("violations[0].field", equalTo("size"));
        given().when().get("/api/v1/orders").then().statusCode(401);
    }

    @Test
    void anotherCustomersOrderIsNotFoundButAnAdminReadsAnyOrder() {
        String owner = newUser();
        FakeWorld.cart(owner, FakeWorld.line(FakeWorld.product("Visor", 14_900, 50), 1));
        String id = placeCod(owner);

        Orders.get(newUser(), id).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin("admin-1")).when().get("/api/v1/orders/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("userId", equalTo(owner));
        Orders.get(owner, "not-an-order-id").then().statusCode(404);
        Orders.get(owner, "ffffffffffffffffffffffff").then().statusCode(404);
        given().when().get("/api/v1/orders/" + id).then().statusCode(401);
    }
}
