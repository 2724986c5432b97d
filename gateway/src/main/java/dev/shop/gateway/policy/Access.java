package dev.shop.gateway.policy;

/** Who may call a route at the gateway. The owning service still checks the token and the owner itself. */
public enum Access {
    /** Anyone; a token is optional, but a token that is presented must be valid. */
    PUBLIC,
    /** Any valid access token. */
    AUTHENTICATED,
    /**
     * A valid access token, or none and an {@code X-Cart-Token} header: a guest's cart. cart-service checks the cart
     * token itself; the gateway only lets the call through.
     */
    GUEST_CART,
    /** A valid access token whose {@code groups} contain {@code admin}. */
    ADMIN
}
