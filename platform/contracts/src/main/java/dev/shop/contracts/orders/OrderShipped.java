package dev.shop.contracts.orders;

import java.time.Instant;

import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * An order left the warehouse ({@code shop.orders.v1}, key = order id).
 *
 * @param orderId order id
 * @param number human-readable order number
 * @param userId the customer
 * @param carrier the carrier
 * @param trackingNumber the carrier's tracking number
 * @param shippedAt when it was shipped
 */
@EventContract(topic = Topics.ORDERS, type = OrderShipped.TYPE, version = OrderShipped.VERSION)
public record OrderShipped(String orderId, String number, String userId, String carrier, String trackingNumber,
        Instant shippedAt) {

    public static final String TYPE = "OrderShipped";
    public static final int VERSION = 1;
}
