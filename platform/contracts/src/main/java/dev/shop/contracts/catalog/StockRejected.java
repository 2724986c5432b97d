package dev.shop.contracts.catalog;

import java.util.List;

import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * An order could not be reserved in full, so nothing is held for it ({@code shop.catalog.inventory.v1}, key = order
 * id). Lines that could have been reserved were given back before this event was written.
 *
 * @param orderId the order
 * @param lines the lines that failed, each with its reason
 */
@EventContract(topic = Topics.CATALOG_INVENTORY, type = StockRejected.TYPE, version = StockRejected.VERSION)
public record StockRejected(String orderId, List<RejectedLine> lines) {

    public static final String TYPE = "StockRejected";
    public static final int VERSION = 1;

    /** The product does not exist or was deleted. */
    public static final String NOT_FOUND = "NOT_FOUND";
    /** The product exists but is not for sale (draft or archived). */
    public static final String NOT_AVAILABLE = "NOT_AVAILABLE";
    /** No unit is left. */
    public static final String OUT_OF_STOCK = "OUT_OF_STOCK";
    /** Fewer units are left than the line asks for. */
    public static final String INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK";
    /** The line's quantity is not a positive number within limits. */
    public static final String INVALID_QUANTITY = "INVALID_QUANTITY";

    /**
     * One line that could not be reserved.
     *
     * @param productId product id as the order named it
     * @param requested units asked for
     * @param available units on hand when the line was checked (0 when the product is unknown)
     * @param reason one of the constants of {@link StockRejected}
     */
    public record RejectedLine(String productId, int requested, int available, String reason) {
    }
}
