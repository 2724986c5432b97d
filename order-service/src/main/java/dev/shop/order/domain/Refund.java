package dev.shop.order.domain;

import java.time.Instant;
import java.util.Objects;

import dev.shop.contracts.common.Money;

/**
 * Money of an order that goes back to the customer through the provider that took it. A refund is {@code DUE} from the
 * moment the order decides it (in the same write as the decision) until the provider confirms it; the refund sweeper
 * retries due refunds until then.
 *
 * @param provider the provider that took the payment
 * @param paymentReference the payment to refund
 * @param amount how much
 * @param reason {@code ORDER_CANCELLED}, {@code LATE_PAYMENT}, {@code DUPLICATE_PAYMENT} or {@code AMOUNT_MISMATCH}
 *        (the constants of {@link dev.shop.contracts.orders.OrderRefunded})
 * @param status due or refunded
 * @param refundReference the provider's reference of the refund, once refunded
 * @param requestedAt when the refund became due
 * @param refundedAt when the provider confirmed it
 */
public record Refund(String provider, String paymentReference, Money amount, String reason, Status status,
        String refundReference, Instant requestedAt, Instant refundedAt) {

    public enum Status {
        DUE,
        REFUNDED
    }

    public Refund {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(paymentReference, "paymentReference");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    static Refund due(String provider, String paymentReference, Money amount, String reason, Instant now) {
        return new Refund(provider, paymentReference, amount, reason, Status.DUE, null, now, null);
    }

    Refund done(String reference, Instant now) {
        return new Refund(provider, paymentReference, amount, reason, Status.REFUNDED, reference, requestedAt, now);
    }

    public boolean isDue() {
        return status == Status.DUE;
    }
}
