package dev.shop.order.domain;

import java.util.Optional;

import dev.shop.contracts.orders.OrderStatus;

/** How the customer pays: cash on delivery or by card (the card flow is completed by a payment provider). */
public enum PaymentMethod {
    COD,
    CARD;

    public static Optional<PaymentMethod> parse(String value) {
        if (OrderStatus.COD.equals(value)) {
            return Optional.of(COD);
        }
        if (OrderStatus.CARD.equals(value)) {
            return Optional.of(CARD);
        }
        return Optional.empty();
    }
}
