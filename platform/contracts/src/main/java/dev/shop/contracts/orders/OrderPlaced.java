package dev.shop.contracts.orders;

import java.time.Instant;
import java.util.List;

import dev.shop.contracts.common.Money;
import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * A customer placed an order; it is {@code PENDING} until the catalogue answers with {@code StockReserved} or
 * {@code StockRejected} ({@code shop.orders.v1}, key = order id).
 *
 * @param orderId order id
 * @param number human-readable order number
 * @param userId the customer
 * @param lines the order lines
 * @param subtotal sum of line totals
 * @param discountTotal discounts on top of line prices
 * @param shippingTotal shipping charged
 * @param total amount to pay
 * @param paymentMethod {@code COD} or {@code CARD}
 * @param placedAt when the order was placed
 */
@EventContract(topic = Topics.ORDERS, type = OrderPlaced.TYPE, version = OrderPlaced.VERSION)
public record OrderPlaced(
        String orderId,
        String number,
        String userId,
        List<OrderLine> lines,
        Money subtotal,
        Money discountTotal,
        Money shippingTotal,
        Money total,
        String paymentMethod,
        Instant placedAt) {

    public static final String TYPE = "OrderPlaced";
    public static final int VERSION = 1;
}
