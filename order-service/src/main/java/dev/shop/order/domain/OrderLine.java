package dev.shop.order.domain;

import java.util.Objects;

import dev.shop.contracts.common.Money;

/**
 * One line of an order, priced by the catalogue at placement; a snapshot that later catalogue changes do not touch.
 *
 * @param productId product id
 * @param sku the product's SKU at placement
 * @param name the product's name at placement
 * @param image path of the product's first image at placement, absent when it had none
 * @param unitPrice effective unit price at placement (offers included)
 * @param quantity units, at least 1
 * @param discount what coupons take off this line (zero without a coupon)
 * @param lineTotal {@code unitPrice × quantity}, before {@code discount}
 */
public record OrderLine(String productId, String sku, String name, String image, Money unitPrice, int quantity,
        Money discount, Money lineTotal) {

    public OrderLine {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(discount, "discount");
        Objects.requireNonNull(lineTotal, "lineTotal");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1");
        }
        if (!lineTotal.equals(unitPrice.times(quantity))) {
            throw new IllegalArgumentException("lineTotal must be unitPrice x quantity");
        }
        if (discount.amount() < 0 || discount.amount() > lineTotal.amount()
                || !discount.currency().equals(lineTotal.currency())) {
            throw new IllegalArgumentException("discount must be between 0 and the line total");
        }
    }

    /** A line without discount. */
    public static OrderLine of(String productId, String sku, String name, String image, Money unitPrice, int quantity) {
        return new OrderLine(productId, sku, name, image, unitPrice, quantity, new Money(0, unitPrice.currency()),
                unitPrice.times(quantity));
    }

    public OrderLine withDiscount(Money value) {
        return new OrderLine(productId, sku, name, image, unitPrice, quantity, value, lineTotal);
    }

    /** The line as order events carry it. */
    public dev.shop.contracts.orders.OrderLine toContract() {
        return new dev.shop.contracts.orders.OrderLine(productId, sku, name, unitPrice, quantity, lineTotal);
    }
}
