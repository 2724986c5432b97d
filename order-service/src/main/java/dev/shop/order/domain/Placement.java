package dev.shop.order.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How an order was placed: the request that created it, kept so that the same request answers the same way again.
 *
 * @param idempotencyKey the client's {@code Idempotency-Key}; unique per customer
 * @param requestFingerprint hash of the request body; the same key with another body is refused
 * @param couponCode the coupon the customer asked for, absent when none
 * @param priceChanges lines priced differently from what the cart showed, as reported in the answer
 * @param cartAsOf the {@code updatedAt} of the cart the order was placed from (cart-service's clock), absent when not
 *        known: announced with the sale, so that cart-service takes out of the cart only the lines that were there
 */
public record Placement(String idempotencyKey, String requestFingerprint, String couponCode,
        List<PriceChange> priceChanges, Instant cartAsOf) {

    public Placement(String idempotencyKey, String requestFingerprint, String couponCode,
            List<PriceChange> priceChanges) {
        this(idempotencyKey, requestFingerprint, couponCode, priceChanges, null);
    }

    public Placement {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(requestFingerprint, "requestFingerprint");
        priceChanges = priceChanges == null ? List.of() : List.copyOf(priceChanges);
    }
}
