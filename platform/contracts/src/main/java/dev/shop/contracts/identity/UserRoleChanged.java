package dev.shop.contracts.identity;

import java.time.Instant;
import java.util.List;

import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * A role was granted to or revoked from an account. Access tokens carry roles, so the change shows in the user's
 * tokens from their next refresh or login.
 *
 * @param userId the account
 * @param role the role that changed, e.g. {@code admin}
 * @param change {@code GRANTED} or {@code REVOKED}
 * @param roles the account's roles after the change
 * @param changedBy id of the admin who made the change
 * @param changedAt when
 */
@EventContract(topic = Topics.IDENTITY_USERS, type = UserRoleChanged.TYPE, version = UserRoleChanged.VERSION)
public record UserRoleChanged(
        String userId,
        String role,
        String change,
        List<String> roles,
        String changedBy,
        Instant changedAt) {

    public static final String TYPE = IdentityEvents.USER_ROLE_CHANGED;
    public static final int VERSION = IdentityEvents.VERSION;

    public static final String GRANTED = "GRANTED";
    public static final String REVOKED = "REVOKED";
}
