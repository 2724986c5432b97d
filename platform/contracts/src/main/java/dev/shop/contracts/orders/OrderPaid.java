package dev.shop.contracts.orders;

import java.time.Instant;
import java.util.List;

import dev.shop.contracts.common.Money;
import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * A card order was paid: it counts as sold ({@code shop.orders.v1}, key = order id).
 *
 * @param orderId order id
 * @param number human-readable order number
 * @param userId the customer
 * @param amount amount captured
 * @param provider payment provider name
 * @param reference the provider's payment reference
 * @param paidAt when the payment was confirmed
 * @param lines the order lines (added in version 1 without a new version: consumers that do not know it ignore it)
 * @param cartAsOf the {@code updatedAt} of the customer's cart when the order was placed from it (cart-service's clock):
 *        lines added to the cart after that are not the order's; null when not known (added in version 1 without a
 *        new version)
 */
@EventContract(topic = Topics.ORDERS, type = OrderPaid.TYPE, version = OrderPaid.VERSION)
public record OrderPaid(String orderId, String number, String userId, Money amount, String provider, String reference,
        Instant paidAt, List<OrderLine> lines, Instant cartAsOf) {

    /** A payment announced without knowing the cart the order was placed from. */
    public OrderPaid(String orderId, String number, String userId, Money amount, String provider, String reference,
            Instant paidAt, List<OrderLine> lines) {
        this(orderId, number, userId, amount, provider, reference, paidAt, lines, null);
    }

    public static final String TYPE = "OrderPaid";
    public static final int VERSION = 1;
}
