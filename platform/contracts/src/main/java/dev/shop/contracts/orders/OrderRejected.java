package dev.shop.contracts.orders;

import java.time.Instant;

import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * An order was refused before it could be confirmed, e.g. because stock ran out ({@code shop.orders.v1}, key = order
 * id). Whatever was reserved for it is released.
 *
 * @param orderId order id
 * @param number human-readable order number
 * @param userId the customer
 * @param reason machine-readable reason, e.g. {@code OUT_OF_STOCK}
 * @param detail human-readable explanation
 * @param rejectedAt when it was rejected
 */
@EventContract(topic = Topics.ORDERS, type = OrderRejected.TYPE, version = OrderRejected.VERSION)
public record OrderRejected(String orderId, String number, String userId, String reason, String detail,
        Instant rejectedAt) {

    public static final String TYPE = "OrderRejected";
    public static final int VERSION = 1;
}
