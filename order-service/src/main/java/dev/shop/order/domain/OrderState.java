package dev.shop.order.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * Where an order is in its life. The names are the wire values of the order events' status fields
 * ({@link dev.shop.contracts.orders.OrderStatus}); the transitions between them are the methods of {@link Order}.
 */
public enum OrderState {
    /** Placed; the catalogue has not answered the stock reservation yet. */
    PENDING,
    /** Stock reserved, cash on delivery: sold. */
    CONFIRMED,
    /** Stock reserved, waiting for the card payment. */
    AWAITING_PAYMENT,
    /** Card payment captured: sold. */
    PAID,
    /** The catalogue could not reserve the stock (or never answered); nothing is held. */
    REJECTED,
    /** Cancelled before shipping; the stock goes back on the shelf. */
    CANCELLED,
    /** Left the warehouse with a carrier. */
    SHIPPED,
    /** Reached the customer. */
    DELIVERED;

    /** Whether nothing can happen to the order any more. */
    public boolean isFinal() {
        return this == REJECTED || this == CANCELLED || this == DELIVERED;
    }

    public static Optional<OrderState> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
