package dev.shop.cart.domain;

import java.util.Locale;

/** A product's lifecycle in the catalogue; only active products are sold. */
public enum ProductStatus {
    DRAFT,
    ACTIVE,
    ARCHIVED,
    /** A status this service does not know (a newer catalogue); never sold. */
    UNKNOWN;

    /** Reads the catalogue's wire value ({@code draft}, {@code active}, {@code archived}). */
    public static ProductStatus parse(String wire) {
        if (wire == null) {
            return UNKNOWN;
        }
        return switch (wire.toLowerCase(Locale.ROOT)) {
            case "draft" -> DRAFT;
            case "active" -> ACTIVE;
            case "archived" -> ARCHIVED;
            default -> UNKNOWN;
        };
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
