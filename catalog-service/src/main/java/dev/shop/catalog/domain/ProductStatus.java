package dev.shop.catalog.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a product is in its life. Customers see and buy only {@code ACTIVE} products. A product that was on sale never
 * goes back to draft (links and carts point at it); it is archived instead, and may be activated again.
 */
public enum ProductStatus {
    DRAFT,
    ACTIVE,
    ARCHIVED;

    /** The lower-case name used on the wire. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ProductStatus> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (ProductStatus s : values()) {
            if (s.wire().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public boolean canMoveTo(ProductStatus next) {
        return switch (this) {
            case DRAFT -> true;
            case ACTIVE -> next != DRAFT;
            case ARCHIVED -> next != DRAFT;
        };
    }
}
