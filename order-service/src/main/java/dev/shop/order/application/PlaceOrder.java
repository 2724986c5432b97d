package dev.shop.order.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.shop.order.domain.ShippingAddress;

/**
 * A customer's request to turn their cart into an order, as sent (the address not yet validated).
 *
 * @param idempotencyKey the validated {@code Idempotency-Key}
 * @param addressId an address of the customer's address book, or null
 * @param shippingAddress an address typed in at checkout, or null
 * @param paymentMethod {@code COD} or {@code CARD}
 * @param couponCode the coupon to apply, or null
 * @param note a note for the shop, or null
 */
public record PlaceOrder(String idempotencyKey, String addressId, ShippingAddress shippingAddress,
        String paymentMethod, String couponCode, String note) {

    /**
     * SHA-256 of the request's content (not of the key): the same key with the same fingerprint is the same request.
     * Every value is length-prefixed, so no two different requests share a canonical form.
     */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder("place-order/1");
        append(canonical, addressId);
        if (shippingAddress == null) {
            append(canonical, null);
        } else {
            append(canonical, "address");
            append(canonical, shippingAddress.fullName());
            append(canonical, shippingAddress.phoneNumber());
            append(canonical, shippingAddress.line1());
            append(canonical, shippingAddress.line2());
            append(canonical, shippingAddress.landmark());
            append(canonical, shippingAddress.city());
            append(canonical, shippingAddress.state());
            append(canonical, shippingAddress.postalCode());
            append(canonical, shippingAddress.country());
        }
        append(canonical, paymentMethod);
        append(canonical, couponCode);
        append(canonical, note);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void append(StringBuilder canonical, String value) {
        canonical.append('|');
        if (value == null) {
            canonical.append('-');
        } else {
            canonical.append(value.length()).append(':').append(value);
        }
    }
}
