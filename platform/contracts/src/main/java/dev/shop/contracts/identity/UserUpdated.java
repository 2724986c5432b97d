package dev.shop.contracts.identity;

import java.time.Instant;
import java.util.List;

import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * A user changed their profile. Carries the profile after the change and the names of the fields that changed.
 *
 * @param userId the account id
 * @param username current username (may be absent)
 * @param fullName current full name (may be absent)
 * @param email current email (may be absent)
 * @param changedFields names of the profile fields this change touched, e.g. {@code ["fullName"]}
 * @param updatedAt when the change happened
 */
@EventContract(topic = Topics.IDENTITY_USERS, type = UserUpdated.TYPE, version = UserUpdated.VERSION)
public record UserUpdated(
        String userId,
        String username,
        String fullName,
        String email,
        List<String> changedFields,
        Instant updatedAt) {

    public static final String TYPE = IdentityEvents.USER_UPDATED;
    public static final int VERSION = IdentityEvents.VERSION;

}
