package dev.shop.admin.application;

import java.util.List;

/**
 * The catalogue administration admin-service passes through, one row per catalog-service admin endpoint: its method
 * and path, the audit action, and what is acted on. Nothing outside this table can be reached through
 * {@code /api/v1/admin/catalog}.
 */
public enum CatalogOperation {

    PRODUCT_CREATE("POST", "/api/v1/products", "catalog.product.create", "product"),
    PRODUCT_REPLACE("PUT", "/api/v1/products/{id}", "catalog.product.update", "product", "id"),
    PRODUCT_PATCH("PATCH", "/api/v1/products/{id}", "catalog.product.patch", "product", "id"),
    PRODUCT_DELETE("DELETE", "/api/v1/products/{id}", "catalog.product.delete", "product", "id"),
    STOCK_ADJUST("POST", "/api/v1/products/{id}/stock", "catalog.stock.adjust", "product", "id"),
    IMAGES_REORDER("PUT", "/api/v1/products/{id}/images/order", "catalog.images.reorder", "product", "id"),
    IMAGE_DELETE("DELETE", "/api/v1/products/{id}/images/{imageId}", "catalog.image.delete", "product", "id",
            "imageId"),
    BRAND_CREATE("POST", "/api/v1/brands", "catalog.brand.create", "brand"),
    BRAND_UPDATE("PUT", "/api/v1/brands/{code}", "catalog.brand.update", "brand", "code"),
    BRAND_DELETE("DELETE", "/api/v1/brands/{code}", "catalog.brand.delete", "brand", "code"),
    MODEL_CREATE("POST", "/api/v1/brands/{code}/models", "catalog.model.create", "model", "code"),
    MODEL_UPDATE("PUT", "/api/v1/brands/{code}/models/{model}", "catalog.model.update", "model", "code", "model"),
    MODEL_DELETE("DELETE", "/api/v1/brands/{code}/models/{model}", "catalog.model.delete", "model", "code", "model"),
    CATEGORY_CREATE("POST", "/api/v1/categories", "catalog.category.create", "category"),
    CATEGORY_UPDATE("PUT", "/api/v1/categories/{id}", "catalog.category.update", "category", "id"),
    CATEGORY_DELETE("DELETE", "/api/v1/categories/{id}", "catalog.category.delete", "category", "id");

    private final String method;
    private final String path;
    private final String action;
    private final String targetType;
    private final List<String> params;

    CatalogOperation(String method, String path, String action, String targetType, String... params) {
        this.method = method;
        this.path = path;
        this.action = action;
        this.targetType = targetType;
        this.params = List.of(params);
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String action() {
        return action;
    }

    public String targetType() {
        return targetType;
    }

    /** Names of the path parameters, in the order their values are given. */
    public List<String> params() {
        return params;
    }

    /** Whether the target is a product, whose state before the change the product summary knows. */
    public boolean onProduct() {
        return "product".equals(targetType) && params.contains("id");
    }
}
