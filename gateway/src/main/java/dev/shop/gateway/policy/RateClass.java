package dev.shop.gateway.policy;

/** Which rate-limit bucket a route draws from. */
public enum RateClass {
    /** Per client IP for anonymous callers, per user ({@code sub}) for authenticated ones. */
    STANDARD,
    /**
     * Public, cacheable catalogue reads: a large bucket of their own (per client IP, per user with a token), so a
     * shopper browsing behind a shared address never starves the rest of the API, nor the other way round.
     */
    BROWSE,
    /**
     * Per route and client IP, much smaller: routes that send an OTP or check a secret (login, OTP, password reset).
     */
    STRICT
}
