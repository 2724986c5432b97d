package dev.shop.contracts.identity;

import java.time.Instant;

import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * An admin blocked an account: it can no longer log in or refresh, and its sessions were revoked (each with a
 * {@link SessionRevoked}).
 *
 * @param userId the blocked account
 * @param blockedBy id of the admin who blocked it
 * @param reason free text given by the admin (may be absent)
 * @param blockedAt when
 */
@EventContract(topic = Topics.IDENTITY_USERS, type = UserBlocked.TYPE, version = UserBlocked.VERSION)
public record UserBlocked(String userId, String blockedBy, String reason, Instant blockedAt) {

    public static final String TYPE = IdentityEvents.USER_BLOCKED;
    public static final int VERSION = IdentityEvents.VERSION;

}
