package dev.shop.gateway.policy;

/** Who may call a route at the gateway. The owning service still checks the token and the owner itself. */
public enum Access {
    /** Anyone; a token is optional, but a token that is presented must be valid. */
    PUBLIC,
    /** Any valid access token. */
    AUTHENTICATED,
    /** A valid access token whose {@code groups} contain {@code admin}. */
    ADMIN
}
