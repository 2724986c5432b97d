package dev.shop.auth.domain;

/** Role names carried in the {@code groups} claim. */
public final class Roles {

    public static final String CUSTOMER = "customer";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
