package dev.shop.order.domain;

import java.util.List;
import java.util.Objects;

import dev.shop.contracts.common.Money;

/**
 * The money of an order: {@code total = subtotal - discountTotal + shippingTotal}.
 *
 * @param subtotal sum of the line totals
 * @param discountTotal what discounts take off (the lines' discounts)
 * @param shippingTotal shipping charged
 * @param total what the customer pays
 */
public record Totals(Money subtotal, Money discountTotal, Money shippingTotal, Money total) {

    public Totals {
        Objects.requireNonNull(subtotal, "subtotal");
        Objects.requireNonNull(discountTotal, "discountTotal");
        Objects.requireNonNull(shippingTotal, "shippingTotal");
        Objects.requireNonNull(total, "total");
        if (!total.equals(subtotal.minus(discountTotal).plus(shippingTotal)) || total.amount() < 0) {
            throw new IllegalArgumentException("total must be subtotal - discountTotal + shippingTotal, not negative");
        }
    }

    /** The totals of {@code lines} with {@code shipping} on top. */
    public static Totals of(List<OrderLine> lines, Money shipping) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order has at least one line");
        }
        String currency = lines.get(0).unitPrice().currency();
        Money zero = new Money(0, currency);
        Money subtotal = lines.stream().map(OrderLine::lineTotal).reduce(zero, Money::plus);
        Money discount = lines.stream().map(OrderLine::discount).reduce(zero, Money::plus);
        return new Totals(subtotal, discount, shipping, subtotal.minus(discount).plus(shipping));
    }
}
