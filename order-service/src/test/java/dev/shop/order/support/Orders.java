package dev.shop.order.support;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.shop.testkit.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The order API as a client calls it. */
public final class Orders {

    private Orders() {
    }

    public static String newUser() {
        return FakeWorld.newId();
    }

    public static String newKey() {
        return UUID.randomUUID().toString();
    }

    public static Map<String, Object> codTo(String addressId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("addressId", addressId);
        body.put("paymentMethod", "COD");
        return body;
    }

    public static Map<String, Object> inlineAddress() {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("fullName", "Ravi Kumar");
        address.put("phoneNumber", "098765 43210");
        address.put("line1", "4 Residency Road");
        address.put("city", "Bengaluru");
        address.put("state", "Karnataka");
        address.put("postalCode", "560025");
        return address;
    }

    public static Response place(String userId, String key, Map<String, Object> body) {
        return given().auth().oauth2(TestTokens.customer(userId)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/orders");
    }

    /** Places a COD order to a fresh address of the customer's book; returns the order id. */
    public static String placeCod(String userId) {
        FakeWorld.Address address = FakeWorld.address(userId);
        return place(userId, newKey(), codTo(address.id())).then().statusCode(202).extract().path("id");
    }

    public static Response get(String userId, String orderId) {
        return given().auth().oauth2(TestTokens.customer(userId)).when().get("/api/v1/orders/" + orderId);
    }

    public static String status(String userId, String orderId) {
        return get(userId, orderId).then().statusCode(200).extract().path("status");
    }

    /** Waits until the order has {@code expected} status. */
    public static void awaitStatus(String userId, String orderId, String expected) {
        Eventually.await(() -> status(userId, orderId), expected::equals, "order " + orderId + " " + expected);
    }

    public static Response cancel(String userId, String orderId, String reason) {
        return given().auth().oauth2(TestTokens.customer(userId)).contentType(ContentType.JSON)
                .body(Map.of("reason", reason))
                .when().post("/api/v1/orders/" + orderId + "/cancel");
    }

    public static Response changeStatus(String orderId, Map<String, Object> body) {
        return given().auth().oauth2(TestTokens.admin("admin-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body(body)
                .when().patch("/api/v1/orders/" + orderId + "/status");
    }

    /** Places a card order to a fresh address of the customer's book; returns the order id. */
    public static String placeCard(String userId) {
        FakeWorld.Address address = FakeWorld.address(userId);
        Map<String, Object> body = codTo(address.id());
        body.put("paymentMethod", "CARD");
        return place(userId, newKey(), body).then().statusCode(202).extract().path("id");
    }
}
