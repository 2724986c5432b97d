package dev.shop.contracts.catalog;

import java.util.List;

import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * A product changed: details, price, offer, status, images or stock level ({@code shop.catalog.products.v1}, key =
 * product id). The snapshot is complete, so a consumer can replace what it holds.
 *
 * @param product the product after the change
 * @param changes names of the fields that changed, e.g. {@code ["price", "offer"]} or {@code ["stock"]}
 */
@EventContract(topic = Topics.CATALOG_PRODUCTS, type = ProductUpdated.TYPE, version = ProductUpdated.VERSION)
public record ProductUpdated(ProductSnapshot product, List<String> changes) {

    public static final String TYPE = "ProductUpdated";
    public static final int VERSION = 1;
}
