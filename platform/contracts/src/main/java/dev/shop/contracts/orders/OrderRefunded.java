package dev.shop.contracts.orders;

import java.time.Instant;

import dev.shop.contracts.common.Money;
import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * Money taken for an order went back to the customer through the payment provider ({@code shop.orders.v1}, key = order
 * id): a paid order was cancelled, or a payment arrived that the order could not take.
 *
 * @param orderId order id
 * @param number human-readable order number
 * @param userId the customer
 * @param amount amount refunded
 * @param provider payment provider name
 * @param paymentReference the provider's reference of the payment refunded
 * @param refundReference the provider's reference of the refund
 * @param reason {@link #ORDER_CANCELLED}, {@link #LATE_PAYMENT}, {@link #DUPLICATE_PAYMENT} or
 *        {@link #AMOUNT_MISMATCH}
 * @param refundedAt when the provider confirmed the refund
 */
@EventContract(topic = Topics.ORDERS, type = OrderRefunded.TYPE, version = OrderRefunded.VERSION)
public record OrderRefunded(String orderId, String number, String userId, Money amount, String provider,
        String paymentReference, String refundReference, String reason, Instant refundedAt) {

    public static final String TYPE = "OrderRefunded";
    public static final int VERSION = 1;

    /** The order was cancelled after it was paid. */
    public static final String ORDER_CANCELLED = "ORDER_CANCELLED";
    /** The payment arrived after the order was cancelled or rejected. */
    public static final String LATE_PAYMENT = "LATE_PAYMENT";
    /** The order had already been paid by another payment. */
    public static final String DUPLICATE_PAYMENT = "DUPLICATE_PAYMENT";
    /** The payment's amount was not the order's total. */
    public static final String AMOUNT_MISMATCH = "AMOUNT_MISMATCH";
}
