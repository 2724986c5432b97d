package dev.shop.cart.domain;

import dev.shop.contracts.common.Money;

/**
 * A cart line as priced now.
 *
 * @param productId product id
 * @param name product name, absent when the catalogue no longer knows the product
 * @param image main image path, absent when none
 * @param unitPrice the effective unit price now (offer applied)
 * @param listPrice the list price now
 * @param quantity units (capped at the stock)
 * @param lineTotal {@code unitPrice × quantity}; zero when the line is unavailable
 * @param available whether the line can be bought now; unavailable lines are left out of the totals
 * @param notice what changed since the owner last saw the line, or why it cannot be bought
 */
public record PricedLine(String productId, String name, String image, Money unitPrice, Money listPrice,
        int quantity, Money lineTotal, boolean available, String notice) {
}
