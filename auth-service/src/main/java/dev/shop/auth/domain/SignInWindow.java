package dev.shop.auth.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.shop.contracts.identity.SignInLocked;

/**
 * The fixed window that counts the password sign-ins of one phone number ({@code shop.auth.login.lockout} long, the
 * same boundaries for every number). When its attempts are used up the number is locked until the window ends,
 * whether or not it has an account; only an account's lock is announced.
 *
 * @param phoneNumber E.164 number whose sign-ins are counted
 * @param index the window's number since the epoch
 * @param length how long a window runs
 */
public record SignInWindow(String phoneNumber, long index, Duration length) {

    /**
     * How long a window whose lock event waits for the relay is kept after it ends: the event must outlive a broker
     * that is unreachable for a while.
     */
    public static final Duration PENDING_EVENT_RETENTION = Duration.ofDays(7);

    public static SignInWindow of(String phoneNumber, Instant now, Duration lockout) {
        Duration length = Duration.ofSeconds(Math.max(1, lockout.toSeconds()));
        return new SignInWindow(phoneNumber, now.getEpochSecond() / length.toSeconds(), length);
    }

    /** The counter's id in {@code login_attempts}. */
    public String key() {
        return "login:" + phoneNumber + ":" + index;
    }

    /** When the window ends: the lock lifts then. */
    public Instant end() {
        return Instant.ofEpochSecond((index + 1) * length.toSeconds());
    }

    /** Until when a window holding a pending lock event is kept. */
    public Instant keepPendingUntil() {
        return end().plus(PENDING_EVENT_RETENTION);
    }

    /**
     * The announcement of this window's lock, for the account that owns the number; nothing for a number without an
     * account (a pending registration is none), so the lock of an unknown number leaves no trace anyone can observe.
     */
    public Optional<SignInLocked> locked(User owner, int failedAttempts, Instant now, String clientAddress) {
        if (owner == null || owner.status() == UserStatus.PENDING) {
            return Optional.empty();
        }
        return Optional.of(new SignInLocked(owner.id(), phoneNumber, failedAttempts,
                (int) Math.min(Integer.MAX_VALUE, length.toSeconds()), now, end(), clientAddress));
    }
}
