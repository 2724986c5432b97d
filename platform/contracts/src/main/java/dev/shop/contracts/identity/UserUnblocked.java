package dev.shop.contracts.identity;

import java.time.Instant;

/**
 * An admin lifted a block; the user may log in again.
 *
 * @param userId the account
 * @param unblockedBy id of the admin
 * @param unblockedAt when
 */
public record UserUnblocked(String userId, String unblockedBy, Instant unblockedAt) {
}
