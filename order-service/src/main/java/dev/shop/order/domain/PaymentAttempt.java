package dev.shop.order.domain;

import java.time.Instant;
import java.util.Objects;

import dev.shop.contracts.common.Money;

/**
 * What a payment provider reported about one payment of an order, kept whatever the order did with it.
 *
 * @param provider the provider's name
 * @param reference the provider's payment reference
 * @param sessionId the session paid through, if the provider said
 * @param outcome succeeded (money taken) or failed
 * @param amount the amount taken or tried
 * @param reason why it failed (the provider's code), or, for a success the order could not take, why it is refunded
 * @param at when the provider reported it
 */
public record PaymentAttempt(String provider, String reference, String sessionId, Outcome outcome, Money amount,
        String reason, Instant at) {

    public enum Outcome {
        SUCCEEDED,
        FAILED
    }

    public PaymentAttempt {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
    }

    boolean is(String ref, Outcome kind) {
        return reference.equals(ref) && outcome == kind;
    }
}
