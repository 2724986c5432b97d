package dev.shop.contracts.catalog;

import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * An admin changed a product's stock by hand (goods received, damage, stock-take) ({@code shop.catalog.inventory.v1},
 * key = product id). The audit trail of manual stock changes.
 *
 * @param productId product id
 * @param sku its SKU
 * @param delta units added (positive) or removed (negative)
 * @param previousStock stock before
 * @param newStock stock after
 * @param reason the admin's reason
 * @param actorId user id of the admin
 */
@EventContract(topic = Topics.CATALOG_INVENTORY, type = StockAdjusted.TYPE, version = StockAdjusted.VERSION)
public record StockAdjusted(String productId, String sku, int delta, int previousStock, int newStock, String reason,
        String actorId) {

    public static final String TYPE = "StockAdjusted";
    public static final int VERSION = 1;
}
