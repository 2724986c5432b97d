package dev.shop.cart.application;

import dev.shop.cart.domain.CartToken;

/** Who is calling a cart endpoint, as the API layer made out from the access token and the cart token. */
public sealed interface CartCaller {

    /** A signed-in customer (the token subject); a cart token sent along is ignored. */
    record Customer(String userId) implements CartCaller {
    }

    /** A guest holding the token of a guest cart (which may have expired or never existed). */
    record Guest(CartToken token) implements CartCaller {
    }

    /** Neither: may start a guest cart by adding to it, nothing else. */
    record Anonymous() implements CartCaller {
    }
}
