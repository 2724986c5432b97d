package dev.shop.contracts.orders;

import java.time.Instant;
import java.util.List;

/**
 * A cash-on-delivery order whose stock is reserved is confirmed: it counts as sold ({@code shop.orders.v1}, key = order
 * id).
 *
 * @param orderId order id
 * @param number human-readable order number
 * @param userId the customer
 * @param lines the order lines
 * @param confirmedAt when it was confirmed
 */
public record OrderConfirmed(String orderId, String number, String userId, List<OrderLine> lines,
        Instant confirmedAt) {

    public static final String TYPE = "OrderConfirmed";
    public static final int VERSION = 1;
}
