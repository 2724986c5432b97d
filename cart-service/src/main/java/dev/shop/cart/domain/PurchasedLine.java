package dev.shop.cart.domain;

/** Units of a product an order bought, which leave the buyer's cart. */
public record PurchasedLine(String productId, int quantity) {
}
