package dev.shop.contracts.orders;

import java.time.Instant;

import dev.shop.contracts.common.Money;
import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * A card payment of an order waiting for it failed ({@code shop.orders.v1}, key = order id). The order keeps waiting
 * for a payment (the customer may try again) until it is paid or cancelled.
 *
 * @param orderId order id
 * @param number human-readable order number
 * @param userId the customer
 * @param amount the amount that was to be paid
 * @param provider payment provider name
 * @param reference the provider's reference of the failed payment
 * @param reason the provider's reason, e.g. {@code card_declined}
 * @param failedAttempts failed attempts of this order so far, this one included
 * @param failedAt when the provider reported the failure
 */
@EventContract(topic = Topics.ORDERS, type = OrderPaymentFailed.TYPE, version = OrderPaymentFailed.VERSION)
public record OrderPaymentFailed(String orderId, String number, String userId, Money amount, String provider,
        String reference, String reason, int failedAttempts, Instant failedAt) {

    public static final String TYPE = "OrderPaymentFailed";
    public static final int VERSION = 1;
}
