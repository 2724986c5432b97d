package dev.shop.order.support;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.shop.testkit.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The coupon API as an admin and a customer call it. */
public final class Coupons {

    private Coupons() {
    }

    /** A fresh code (tests share the database). */
    public static String newCode(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    public static Map<String, Object> percent(String code, int value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("kind", "PERCENT");
        body.put("value", value);
        return body;
    }

    public static Response create(Map<String, Object> body) {
        return given().auth().oauth2(TestTokens.admin("admin-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body(body).when().post("/api/v1/coupons");
    }

    public static void created(Map<String, Object> body) {
        create(body).then().statusCode(201);
    }

    public static Response get(String code) {
        return given().auth().oauth2(TestTokens.admin("admin-1")).when().get("/api/v1/coupons/" + code);
    }

    public static Response check(String userId, String code) {
        return given().auth().oauth2(TestTokens.customer(userId)).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/coupons/" + code + "/check");
    }

    /** Places a cash order with the coupon, to a fresh address of the customer's book. */
    public static Response placeWith(String userId, String code) {
        Map<String, Object> body = Orders.codTo(FakeWorld.address(userId).id());
        body.put("couponCode", code);
        return Orders.place(userId, Orders.newKey(), body);
    }
}
