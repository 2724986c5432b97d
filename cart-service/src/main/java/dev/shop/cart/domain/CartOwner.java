package dev.shop.cart.domain;

/**
 * Whose cart it is: a signed-in customer (the token subject) or a guest, known only by the hash of the cart token
 * they hold. The owner decides the cart's document id, so there is exactly one cart per owner.
 */
public sealed interface CartOwner {

    /** The id of the owner's cart document. */
    String cartId();

    record Customer(String userId) implements CartOwner {
        @Override
        public String cartId() {
            return "user:" + userId;
        }
    }

    record Guest(String tokenHash) implements CartOwner {
        @Override
        public String cartId() {
            return "guest:" + tokenHash;
        }
    }
}
