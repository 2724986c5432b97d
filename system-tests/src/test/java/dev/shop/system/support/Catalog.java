package dev.shop.system.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.restassured.response.Response;

/**
 * A corner of the catalogue of its own for one test class: a brand with a model and a category, created by an admin
 * through the gateway, and products in it.
 */
public final class Catalog {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

    private final Client admin;
    private final String brand;
    private final String model;
    private final String categoryId;
    private final String categorySlug;

    private Catalog(Client admin, String brand, String model, String categoryId, String categorySlug) {
        this.admin = admin;
        this.brand = brand;
        this.model = model;
        this.categoryId = categoryId;
        this.categorySlug = categorySlug;
    }

    /** Creates the brand, its model and the category directly at catalog-service (through the gateway). */
    public static Catalog create(Client admin, String label) {
        String brand = code(6);
        String model = "M" + code(4);
        created(admin.json(Map.of("code", brand, "name", label + " motors " + brand)).post("/api/v1/brands"));
        created(admin.json(Map.of("code", model, "name", label + " " + model, "yearFrom", 2015, "yearTo", 2026))
                .post("/api/v1/brands/" + brand + "/models"));
        String slug = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-" + brand.toLowerCase(
                Locale.ROOT);
        Response category = created(admin.json(Map.of("name", label + " parts " + brand, "slug", slug))
                .post("/api/v1/categories"));
        return new Catalog(admin, brand, model, category.path("id"), slug);
    }

    private static Response created(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        return response;
    }

    /** Upper-case letters no other catalogue of this run uses (with high probability). */
    public static String code(int length) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < length; i++) {
            code.append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
        }
        return code.toString();
    }

    /** An active product in this catalogue, fitting its model; returns its id. */
    public String product(String name, long price, int stock) {
        return created(admin.json(productBody(name, price, stock)).post("/api/v1/products")).path("id");
    }

    /** The body of {@code POST /products} for an active product of this catalogue. */
    public Map<String, Object> productBody(String name, long price, int stock) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sku", brand + "-" + code(8));
        body.put("name", name);
        body.put("description", name + ", made to fit the " + model);
        body.put("brand", brand);
        body.put("models", List.of(Map.of("brand", brand, "model", model)));
        body.put("categoryId", categoryId);
        body.put("attributes", Map.of("position", "front"));
        body.put("price", Map.of("amount", price, "currency", "INR"));
        body.put("status", "active");
        body.put("stock", stock);
        return body;
    }

    /** The public product page, as any visitor sees it. */
    public static Response product(String id) {
        return Http.gateway().header("X-Forwarded-For", "10.255.0.1").get("/api/v1/products/" + id);
    }

    public static int stock(String id) {
        Response product = product(id);
        assertThat(product.statusCode()).as(product.asString()).isEqualTo(200);
        return product.path("stock");
    }

    public static int soldCount(String id) {
        Response product = product(id);
        assertThat(product.statusCode()).as(product.asString()).isEqualTo(200);
        return product.path("soldCount");
    }

    public String brand() {
        return brand;
    }

    public String model() {
        return model;
    }

    public String categoryId() {
        return categoryId;
    }

    public String categorySlug() {
        return categorySlug;
    }
}
