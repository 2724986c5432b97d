package dev.shop.contracts.identity;

/**
 * Event type names and schema versions of auth-service's topics: {@code shop.identity.users.v1} carries
 * {@link UserRegistered}, {@link UserUpdated}, {@link UserBlocked}, {@link UserUnblocked}, {@link UserRoleChanged} and
 * {@link SignInLocked} (key = user id); {@code shop.identity.sessions.v1} carries {@link SessionRevoked} (key = session id).
 */
public final class IdentityEvents {

    /** Schema version of every identity payload; additive changes keep it. */
    public static final int VERSION = 1;

    public static final String USER_REGISTERED = "UserRegistered";
    public static final String USER_UPDATED = "UserUpdated";
    public static final String USER_BLOCKED = "UserBlocked";
    public static final String USER_UNBLOCKED = "UserUnblocked";
    public static final String USER_ROLE_CHANGED = "UserRoleChanged";
    public static final String SESSION_REVOKED = "SessionRevoked";
    public static final String SIGN_IN_LOCKED = "SignInLocked";

    private IdentityEvents() {
    }
}
