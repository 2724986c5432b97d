package dev.shop.order.domain;

import java.util.OptionalLong;

import dev.shop.contracts.common.Money;

/**
 * What shipping costs: a flat fee, waived from a subtotal on (both in minor units).
 *
 * @param fee the flat fee (0 = free shipping)
 * @param freeFrom subtotal (after discounts) from which shipping is free, if any
 */
public record ShippingPolicy(long fee, OptionalLong freeFrom) {

    public ShippingPolicy {
        if (fee < 0) {
            throw new IllegalArgumentException("fee must not be negative");
        }
    }

    public Money charge(Money merchandise) {
        boolean free = fee == 0 || freeFrom.isPresent() && merchandise.amount() >= freeFrom.getAsLong();
        return new Money(free ? 0 : fee, merchandise.currency());
    }
}
