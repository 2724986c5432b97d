package dev.shop.contracts.orders;

import java.time.Instant;

import dev.shop.contracts.common.Money;
import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * The stock of a card order is reserved and the order waits for its payment ({@code shop.orders.v1}, key = order id).
 * Nothing counts as sold yet; without a payment by {@code paymentDueBy} the order is cancelled (OrderCancelled, by
 * {@code SYSTEM}) and the stock released.
 *
 * @param orderId order id
 * @param number human-readable order number
 * @param userId the customer
 * @param amount what the customer is to pay (the order's total)
 * @param paymentDueBy when the order is cancelled unless paid
 * @param awaitingSince when the order started waiting
 */
@EventContract(topic = Topics.ORDERS, type = OrderAwaitingPayment.TYPE, version = OrderAwaitingPayment.VERSION)
public record OrderAwaitingPayment(String orderId, String number, String userId, Money amount, Instant paymentDueBy,
        Instant awaitingSince) {

    public static final String TYPE = "OrderAwaitingPayment";
    public static final int VERSION = 1;
}
