package dev.shop.catalog;

import static io.restassured.RestAssured.given;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;

import dev.shop.testkit.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Builds catalogue data through the public API for tests. Codes, slugs and SKUs are unique per call, so tests sharing
 * the database never see each other's data in their assertions.
 */
public final class CatalogFixtures {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private CatalogFixtures() {
    }

    public static String adminToken() {
        return TestTokens.admin("admin-" + unique(6).toLowerCase(Locale.ROOT));
    }

    public static String customerToken(String userId) {
        return TestTokens.customer(userId);
    }

    public static RequestSpecification asAdmin() {
        return given().auth().oauth2(adminToken()).contentType(ContentType.JSON);
    }

    /** Random upper-case letters and digits. */
    public static String unique(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** A fresh brand code such as {@code B7KQ2M9X}. */
    public static String brandCode() {
        return "B" + unique(7);
    }

    public static String createBrand(String code, String name) {
        asAdmin().body(Map.of("code", code, "name", name))
                .when().post("/api/v1/brands")
                .then().statusCode(201);
        return code;
    }

    public static String createBrand() {
        String code = brandCode();
        return createBrand(code, "Brand " + code);
    }

    public static String createModel(String brand, String code, String name) {
        asAdmin().body(Map.of("code", code, "name", name))
                .when().post("/api/v1/brands/" + brand + "/models")
                .then().statusCode(201);
        return code;
    }

    /** Creates a category (top level when {@code parentId} is null) and returns its id. */
    public static String createCategory(String name, String parentId) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-"
                + unique(6).toLowerCase(Locale.ROOT);
        var body = new java.util.HashMap<String, Object>();
        body.put("name", name);
        body.put("slug", slug);
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        return asAdmin().body(body)
                .when().post("/api/v1/categories")
                .then().statusCode(201)
                .extract().path("id");
    }

    /** A product body with sensible defaults; callers override fields. */
    public static Map<String, Object> product(String sku, String name, String brand, String categoryId, long price) {
        var body = new java.util.HashMap<String, Object>();
        body.put("sku", sku);
        body.put("name", name);
        body.put("brand", brand);
        body.put("categoryId", categoryId);
        body.put("price", Map.of("amount", price, "currency", "INR"));
        body.put("status", "active");
        body.put("stock", 10);
        return body;
    }

    public static String sku() {
        return "SKU-" + unique(8);
    }

    /** Creates a product as admin and returns its id. */
    public static String createProduct(Map<String, Object> body) {
        return asAdmin().body(body)
                .when().post("/api/v1/products")
                .then().statusCode(201)
                .extract().path("id");
    }

    /** An active product with its own brand and category, {@code stock} units on hand. */
    public static String createSimpleProduct(int stock, long price) {
        String brand = createBrand();
        String category = createCategory("Parts", null);
        Map<String, Object> body = product(sku(), "Part " + unique(5), brand, category, price);
        body.put("stock", stock);
        return createProduct(body);
    }

    public static Map<String, Object> offer(int percent, java.time.Instant from, java.time.Instant to) {
        return Map.of("percent", percent, "validFrom", from.toString(), "validTo", to.toString(), "label", "Sale");
    }
}
