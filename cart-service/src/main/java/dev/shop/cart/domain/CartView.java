package dev.shop.cart.domain;

import java.time.Instant;
import java.util.List;

import dev.shop.contracts.common.Money;

/**
 * A cart priced from the catalogue read model at one moment.
 *
 * @param lines the lines in the order they were added
 * @param subtotal list prices × quantities of the available lines
 * @param discountTotal what the offers take off the subtotal
 * @param total {@code subtotal - discountTotal}, the sum of the available lines' totals
 * @param itemCount units in the available lines
 * @param updatedAt when the lines last changed, absent for a cart that does not exist yet
 */
public record CartView(List<PricedLine> lines, Money subtotal, Money discountTotal, Money total, int itemCount,
        Instant updatedAt) {

    public CartView {
        lines = List.copyOf(lines);
    }

    public static CartView empty(String currency) {
        Money zero = new Money(0, currency);
        return new CartView(List.of(), zero, zero, zero, 0, null);
    }
}
