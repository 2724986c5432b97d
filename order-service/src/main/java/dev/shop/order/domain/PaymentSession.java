package dev.shop.order.domain;

import java.time.Instant;
import java.util.Objects;

import dev.shop.contracts.common.Money;

/**
 * A payment session opened at the card provider for an order: what the customer's browser or app needs to pay, for the
 * order's total.
 *
 * @param id the provider's session id
 * @param provider the provider's name
 * @param clientSecret what the client hands to the provider's SDK to pay this session; absent for redirect flows
 * @param redirectUrl where to send the customer to pay; absent for SDK flows
 * @param amount what the session charges: the order's total when the session was opened
 * @param createdAt when the session was opened
 * @param expiresAt after this the session takes no payment and a new one is needed
 */
public record PaymentSession(String id, String provider, String clientSecret, String redirectUrl, Money amount,
        Instant createdAt, Instant expiresAt) {

    public PaymentSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isOpenAt(Instant now) {
        return expiresAt.isAfter(now);
    }
}
