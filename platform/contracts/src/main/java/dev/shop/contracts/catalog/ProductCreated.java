package dev.shop.contracts.catalog;

import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * A product was created ({@code shop.catalog.products.v1}, key = product id).
 *
 * @param product the new product
 */
@EventContract(topic = Topics.CATALOG_PRODUCTS, type = ProductCreated.TYPE, version = ProductCreated.VERSION)
public record ProductCreated(ProductSnapshot product) {

    public static final String TYPE = "ProductCreated";
    public static final int VERSION = 1;
}
