package dev.shop.gateway.policy;

/** Which rate-limit bucket a route draws from. */
public enum RateClass {
    /** Per client IP for anonymous callers, per user ({@code sub}) for authenticated ones. */
    STANDARD,
    /** Per client IP, much smaller: routes that send an OTP or check a secret (login, OTP, password reset). */
    STRICT
}
