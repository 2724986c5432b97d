package dev.shop.contracts.identity;

import java.time.Instant;
import java.util.List;

import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * A user account became active: after a verified registration, a first passwordless login, or when an account was
 * provisioned at start-up (bootstrap admin, demo accounts).
 *
 * @param userId the account id (also the token subject)
 * @param phoneNumber E.164 phone number
 * @param username chosen at registration; absent for accounts created by a passwordless login
 * @param fullName optional display name
 * @param roles roles at activation, e.g. {@code ["customer"]}
 * @param method how the account was created: {@code password}, {@code otp}, {@code bootstrap} or {@code seed}
 * @param registeredAt when the account became active
 */
@EventContract(topic = Topics.IDENTITY_USERS, type = UserRegistered.TYPE, version = UserRegistered.VERSION)
public record UserRegistered(
        String userId,
        String phoneNumber,
        String username,
        String fullName,
        List<String> roles,
        String method,
        Instant registeredAt) {

    public static final String TYPE = IdentityEvents.USER_REGISTERED;
    public static final int VERSION = IdentityEvents.VERSION;

}
