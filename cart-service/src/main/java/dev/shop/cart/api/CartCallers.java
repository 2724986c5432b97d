package dev.shop.cart.api;

import jakarta.enterprise.context.RequestScoped;

import dev.shop.cart.application.CartCaller;
import dev.shop.cart.domain.CartToken;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.security.CurrentUser;

/**
 * Makes out who calls a cart endpoint: a valid access token makes the caller that customer (the cart token is then
 * ignored); otherwise an {@code X-Cart-Token} makes them the guest holding it; otherwise they are anonymous. A
 * presented access token that is invalid never gets this far (401), so a bad token cannot fall back to a guest cart.
 */
@RequestScoped
public class CartCallers {

    private final CurrentUser user;

    public CartCallers(CurrentUser user) {
        this.user = user;
    }

    /**
     * @throws ProblemException 403 for a token without the customer role; 400 for a cart token that cannot be one
     */
    public CartCaller resolve(String cartToken) {
        if (user.isAuthenticated()) {
            if (!user.roles().contains(CurrentUser.ROLE_CUSTOMER)) {
                throw ProblemException.forbidden("Carts belong to customers");
            }
            return new CartCaller.Customer(user.id());
        }
        if (cartToken != null) {
            return new CartCaller.Guest(parse(CartToken.HEADER, cartToken));
        }
        return new CartCaller.Anonymous();
    }

    static CartToken parse(String field, String value) {
        return CartToken.parse(value)
                .orElseThrow(() -> ProblemException.invalid(field, "must be the token of a guest cart"));
    }
}
