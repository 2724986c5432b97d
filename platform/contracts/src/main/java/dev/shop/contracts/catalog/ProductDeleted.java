package dev.shop.contracts.catalog;

import java.time.Instant;

import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * A product was removed from the catalogue ({@code shop.catalog.products.v1}, key = product id). It can no longer be
 * bought; orders that already hold it keep their snapshot.
 *
 * @param productId product id
 * @param sku its SKU (not reusable)
 * @param deletedAt when it was removed
 */
@EventContract(topic = Topics.CATALOG_PRODUCTS, type = ProductDeleted.TYPE, version = ProductDeleted.VERSION)
public record ProductDeleted(String productId, String sku, Instant deletedAt) {

    public static final String TYPE = "ProductDeleted";
    public static final int VERSION = 1;
}
