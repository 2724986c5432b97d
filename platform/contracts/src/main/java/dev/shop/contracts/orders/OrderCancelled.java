package dev.shop.contracts.orders;

import java.time.Instant;

import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * An order was cancelled before shipping, by the customer, an admin or the system (payment timeout)
 * ({@code shop.orders.v1}, key = order id). Reserved stock is released.
 *
 * @param orderId order id
 * @param number human-readable order number
 * @param userId the customer
 * @param previousStatus the status the order left, e.g. {@code CONFIRMED}
 * @param reason why, as given by whoever cancelled
 * @param cancelledBy {@code CUSTOMER}, {@code ADMIN} or {@code SYSTEM}
 * @param refundDue whether a payment has to be refunded
 * @param cancelledAt when it was cancelled
 */
@EventContract(topic = Topics.ORDERS, type = OrderCancelled.TYPE, version = OrderCancelled.VERSION)
public record OrderCancelled(String orderId, String number, String userId, String previousStatus, String reason,
        String cancelledBy, boolean refundDue, Instant cancelledAt) {

    public static final String TYPE = "OrderCancelled";
    public static final int VERSION = 1;
}
