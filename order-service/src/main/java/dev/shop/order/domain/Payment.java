package dev.shop.order.domain;

import java.util.Objects;

/**
 * The payment of an order.
 *
 * @param method COD or CARD
 * @param status what happened to the money
 * @param provider the payment provider ({@code cod} for cash on delivery; absent until a card payment starts)
 * @param reference the provider's reference of the payment (absent until there is one)
 */
public record Payment(PaymentMethod method, PaymentStatus status, String provider, String reference) {

    /** The provider name of cash on delivery. */
    public static final String CASH_ON_DELIVERY = "cod";

    public Payment {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(status, "status");
    }

    /** The payment of a new order: nothing taken yet. */
    public static Payment initial(PaymentMethod method) {
        return new Payment(method, PaymentStatus.PENDING, method == PaymentMethod.COD ? CASH_ON_DELIVERY : null, null);
    }

    public Payment withStatus(PaymentStatus next) {
        return new Payment(method, next, provider, reference);
    }

    public Payment captured(String byProvider, String withReference) {
        return new Payment(method, PaymentStatus.PAID, byProvider, withReference);
    }
}
