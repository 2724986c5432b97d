package dev.shop.contracts.catalog;

import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * A product's stock fell below the low-stock threshold ({@code shop.catalog.inventory.v1}, key = product id). Written
 * once per crossing: stock must climb back to the threshold before the next one.
 *
 * @param productId product id
 * @param sku its SKU
 * @param name its name
 * @param stock units left
 * @param threshold the configured threshold
 */
@EventContract(topic = Topics.CATALOG_INVENTORY, type = StockLow.TYPE, version = StockLow.VERSION)
public record StockLow(String productId, String sku, String name, int stock, int threshold) {

    public static final String TYPE = "StockLow";
    public static final int VERSION = 1;
}
