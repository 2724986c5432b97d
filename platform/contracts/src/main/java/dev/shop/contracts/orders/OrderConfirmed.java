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
 * @param cartAsOf the {@code updatedAt} of the customer's cart when the order was placed from it (cart-service's clock):
 *        lines added to the cart after that are not the order's; null for orders not placed from a cart (added in
 *        version 1 without a new version: consumers that do not know it ignore it)
 */
@EventContract(topic = Topics.ORDERS, type = OrderConfirmed.TYPE, version = OrderConfirmed.VERSION)
public record OrderConfirmed(String orderId, String number, String userId, List<OrderLine> lines,
        Instant confirmedAt, Instant cartAsOf) {

    /** An order confirmed without knowing the cart it was placed from. */
    public OrderConfirmed(String orderId, String number, String userId, List<OrderLine> lines, Instant confirmedAt) {
        this(orderId, number, userId, lines, confirmedAt, null);
    }

    public static final String TYPE = "OrderConfirmed";
    public static final int VERSION = 1;
}
