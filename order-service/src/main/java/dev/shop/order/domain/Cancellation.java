package dev.shop.order.domain;

import java.time.Instant;

/**
 * Why and by whom an order was cancelled.
 *
 * @param by who cancelled
 * @param reason as given
 * @param previousStatus the status the order left
 * @param refundDue whether a captured payment has to be refunded
 * @param at when
 */
public record Cancellation(Actor by, String reason, OrderState previousStatus, boolean refundDue, Instant at) {

    /** The reason of the system's cancellation of a card order whose payment did not arrive in time. */
    public static final String PAYMENT_TIMEOUT = "The payment did not arrive in time";
}
