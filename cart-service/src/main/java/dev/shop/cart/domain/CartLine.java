package dev.shop.cart.domain;

import java.time.Instant;

import dev.shop.contracts.common.Money;

/**
 * One product in a cart. Besides the quantity it remembers what its owner was last shown (the unit price and whether
 * the product could be bought), so a change in the catalogue since then is told once, with a notice, the next time
 * the cart is read.
 *
 * @param productId product id
 * @param quantity 1..{@value Cart#MAX_QUANTITY}
 * @param addedAt when the product was first put in the cart
 * @param seenPrice the unit price last shown, absent until the line was first shown
 * @param seenAvailable whether the product could be bought when the line was last shown
 * @param notice a notice waiting to be shown once (e.g. a quantity limited while merging a guest cart)
 */
public record CartLine(String productId, int quantity, Instant addedAt, Money seenPrice,
        boolean seenAvailable, String notice) {

    static CartLine of(String productId, int quantity, Instant now) {
        return new CartLine(productId, quantity, now, null, true, null);
    }

    CartLine withQuantity(int value) {
        return new CartLine(productId, value, addedAt, seenPrice, seenAvailable, notice);
    }

    CartLine withNotice(String value) {
        return new CartLine(productId, quantity, addedAt, seenPrice, seenAvailable, Notices.join(notice, value));
    }

    CartLine shown(Money price, boolean available) {
        return new CartLine(productId, quantity, addedAt, price, available, null);
    }
}
