package dev.shop.cart.domain;

import java.time.Instant;

/** A product its owner keeps for later. */
public record WishlistItem(String productId, Instant addedAt) {
}
