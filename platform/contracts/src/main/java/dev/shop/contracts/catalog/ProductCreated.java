package dev.shop.contracts.catalog;

/**
 * A product was created ({@code shop.catalog.products.v1}, key = product id).
 *
 * @param product the new product
 */
public record ProductCreated(ProductSnapshot product) {

    public static final String TYPE = "ProductCreated";
    public static final int VERSION = 1;
}
