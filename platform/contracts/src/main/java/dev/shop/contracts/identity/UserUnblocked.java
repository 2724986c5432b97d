package dev.shop.contracts.identity;

import java.time.Instant;

import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * An admin lifted a block; the user may log in again.
 *
 * @param userId the account
 * @param unblockedBy id of the admin
 * @param unblockedAt when
 */
@EventContract(topic = Topics.IDENTITY_USERS, type = UserUnblocked.TYPE, version = UserUnblocked.VERSION)
public record UserUnblocked(String userId, String unblockedBy, Instant unblockedAt) {

    public static final String TYPE = IdentityEvents.USER_UNBLOCKED;
    public static final int VERSION = IdentityEvents.VERSION;

}
