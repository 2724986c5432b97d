package dev.shop.contracts.orders;

import java.time.Instant;
import java.util.List;

import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

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
@EventContract(topic = Topics.ORDERS, type = OrderConfirmed.TYPE, version = OrderConfirmed.VERSION)
public record OrderConfirmed(String orderId, String number, String userId, List<OrderLine> lines,
        Instant confirmedAt) {

    public static final String TYPE = "OrderConfirmed";
    public static final int VERSION = 1;
}
