package dev.shop.contracts.catalog;

import java.util.List;

import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * Units held for an order went back on the shelf because the order was cancelled or rejected
 * ({@code shop.catalog.inventory.v1}, key = order id). Written once per order.
 *
 * @param orderId the order
 * @param reason {@code ORDER_CANCELLED} or {@code ORDER_REJECTED}
 * @param lines what was given back
 */
@EventContract(topic = Topics.CATALOG_INVENTORY, type = StockReleased.TYPE, version = StockReleased.VERSION)
public record StockReleased(String orderId, String reason, List<StockLine> lines) {

    public static final String TYPE = "StockReleased";
    public static final int VERSION = 1;

    public static final String ORDER_CANCELLED = "ORDER_CANCELLED";
    public static final String ORDER_REJECTED = "ORDER_REJECTED";
}
