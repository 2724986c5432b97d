package dev.shop.auth.domain;

/**
 * Lifecycle of an account: {@code PENDING} (registered, phone not yet confirmed) → {@code ACTIVE} ⇄ {@code BLOCKED}.
 */
public enum UserStatus {
    PENDING,
    ACTIVE,
    BLOCKED
}
