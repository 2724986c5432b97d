package dev.shop.cart.support;

import static io.restassured.RestAssured.given;

import java.util.Map;

import org.bson.types.ObjectId;

import dev.shop.testkit.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The cart API as a client calls it: as a customer (a token of a user of its own) or as a guest. */
public final class CartApi {

    public static final String CART_TOKEN = "X-Cart-Token";

    private CartApi() {
    }

    public static String newUser() {
        return "user-" + new ObjectId().toHexString();
    }

    public static RequestSpecification as(String userId) {
        return given().auth().oauth2(TestTokens.customer(userId)).contentType(ContentType.JSON);
    }

    public static RequestSpecification asGuest(String cartToken) {
        RequestSpecification request = given().contentType(ContentType.JSON);
        return cartToken == null ? request : request.header(CART_TOKEN, cartToken);
    }

    public static Response add(RequestSpecification caller, String productId, Object quantity) {
        return caller.body(Map.of("productId", productId, "quantity", quantity)).when().post("/api/v1/cart/items");
    }

    public static Response cart(RequestSpecification caller) {
        return caller.when().get("/api/v1/cart");
    }
}
