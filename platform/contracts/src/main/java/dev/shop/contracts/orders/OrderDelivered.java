package dev.shop.contracts.orders;

import java.time.Instant;
import java.util.List;

import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * An order reached the customer ({@code shop.orders.v1}, key = order id). Its products count as purchased by the
 * customer (e.g. reviews show a verified purchase).
 *
 * @param orderId order id
 * @param number human-readable order number
 * @param userId the customer
 * @param lines the order lines
 * @param deliveredAt when it was delivered
 */
@EventContract(topic = Topics.ORDERS, type = OrderDelivered.TYPE, version = OrderDelivered.VERSION)
public record OrderDelivered(String orderId, String number, String userId, List<OrderLine> lines,
        Instant deliveredAt) {

    public static final String TYPE = "OrderDelivered";
    public static final int VERSION = 1;
}
