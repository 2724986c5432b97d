package dev.shop.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.shop.contracts.identity.SignInLocked;
import dev.shop.kit.validation.PhoneNumber;

class SignInWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:03:12.417Z");
    private static final PhoneNumber PHONE = new PhoneNumber("+919812345678");

    @Test
    void windowsHaveFixedBoundariesTheSameForEveryNumber() {
        SignInWindow window = SignInWindow.of(PHONE.e164(), NOW, Duration.ofMinutes(15));

        assertThat(window.end()).isEqualTo(Instant.parse("2026-11-22T10:15:00Z"));
        assertThat(window.key()).isEqualTo("login:+919812345678:" + window.index())
                .isEqualTo(SignInWindow.of(PHONE.e164(), Instant.parse("2026-11-22T10:14:59Z"), Duration.ofMinutes(15))
                        .key())
                .isNotEqualTo(SignInWindow.of(PHONE.e164(), window.end(), Duration.ofMinutes(15)).key());
        assertThat(window.keepPendingUntil()).isEqualTo(window.end().plus(Duration.ofDays(7)));
    }

    @Test
    void onlyTheLockOfAnAccountIsAnnounced() {
        SignInWindow window = SignInWindow.of(PHONE.e164(), NOW, Duration.ofMinutes(15));
        User owner = User.viaRegistration("6560a1f2c3d4e5f601234567", PHONE, "ravi", "hash", NOW.minusSeconds(60));

        assertThat(window.locked(owner, 5, NOW, "203.0.113.24")).contains(new SignInLocked(owner.id(),
                "+919812345678", 5, 900, NOW, Instant.parse("2026-11-22T10:15:00Z"), "203.0.113.24"));
        assertThat(window.locked(null, 5, NOW, "203.0.113.24")).isEmpty();
        assertThat(window.locked(UserTest.pending(), 5, NOW, "203.0.113.24")).as("a pending registration").isEmpty();
    }
}
