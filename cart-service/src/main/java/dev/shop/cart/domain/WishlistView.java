package dev.shop.cart.domain;

import java.time.Instant;
import java.util.List;

import dev.shop.contracts.common.Money;

/**
 * A wishlist with each product's current price and availability.
 *
 * @param items newest first
 * @param updatedAt when the wishlist last changed, absent when it does not exist yet
 */
public record WishlistView(List<Entry> items, Instant updatedAt) {

    public WishlistView {
        items = List.copyOf(items);
    }

    /**
     * @param productId product id
     * @param name product name, absent when the catalogue no longer knows it
     * @param image main image path
     * @param price effective price now
     * @param listPrice list price now
     * @param onSale whether an offer applies now
     * @param available whether it can be bought now
     * @param notice why it cannot be bought, when it cannot
     * @param addedAt when it was put on the wishlist
     */
    public record Entry(String productId, String name, String image, Money price, Money listPrice, boolean onSale,
            boolean available, String notice, Instant addedAt) {
    }
}
