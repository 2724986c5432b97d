package dev.shop.contracts.catalog;

import java.util.List;

import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * Every line of an order is reserved ({@code shop.catalog.inventory.v1}, key = order id). Answer to
 * {@code OrderPlaced} in the checkout saga (docs/architecture.md).
 *
 * @param orderId the order
 * @param lines what is held, one line per product
 */
@EventContract(topic = Topics.CATALOG_INVENTORY, type = StockReserved.TYPE, version = StockReserved.VERSION)
public record StockReserved(String orderId, List<StockLine> lines) {

    public static final String TYPE = "StockReserved";
    public static final int VERSION = 1;
}
