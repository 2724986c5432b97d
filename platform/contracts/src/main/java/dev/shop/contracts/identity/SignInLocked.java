package dev.shop.contracts.identity;

import java.time.Instant;

import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * Password sign-ins of an account's phone number failed so often that the number is locked until its window ends (a
 * burst of failed logins: someone guessing the password, or the owner having forgotten it). Published once per lock,
 * and only for a phone number that has an account; the client gets the same answer either way. Passwordless login and
 * password reset stay open to the owner.
 *
 * @param userId the account whose phone number is locked
 * @param phoneNumber E.164 phone number
 * @param failedAttempts failed password sign-ins in the window (the limit that locks it)
 * @param windowSeconds length of the counting window
 * @param lockedAt when the lock was noticed (the failure that reached the limit, or the first sign-in refused)
 * @param lockedUntil when the window ends and password sign-ins are taken again
 * @param clientAddress the client address of the sign-in that noticed the lock (may be absent)
 */
@EventContract(topic = Topics.IDENTITY_USERS, type = SignInLocked.TYPE, version = SignInLocked.VERSION)
public record SignInLocked(
        String userId,
        String phoneNumber,
        int failedAttempts,
        int windowSeconds,
        Instant lockedAt,
        Instant lockedUntil,
        String clientAddress) {

    public static final String TYPE = IdentityEvents.SIGN_IN_LOCKED;
    public static final int VERSION = IdentityEvents.VERSION;

}
