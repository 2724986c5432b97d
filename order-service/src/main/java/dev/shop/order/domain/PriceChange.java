package dev.shop.order.domain;

import dev.shop.contracts.common.Money;

/**
 * A line whose price moved between what the cart showed and what the catalogue quoted at checkout. The order is priced
 * at the quote; the change is reported to the customer.
 *
 * @param productId product id
 * @param name the product's name
 * @param cartPrice the unit price the cart showed
 * @param price the unit price the order charges
 */
public record PriceChange(String productId, String name, Money cartPrice, Money price) {
}
