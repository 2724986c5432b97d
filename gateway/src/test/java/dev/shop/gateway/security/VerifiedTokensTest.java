package dev.shop.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final VerifiedTokens tokens = new VerifiedTokens(100, Duration.ofMinutes(1), clock);

    private VerifiedTokens.Verified expiringIn(Duration lifetime) {
        return new VerifiedTokens.Verified(Optional.of("u-1"), Optional.of("s-1"), false, clock.instant().plus(lifetime));
    }

    @Test
    void aVerifiedTokenIsRecalledByItsExactHeaderOnly() {
        VerifiedTokens.Verified verified = expiringIn(Duration.ofMinutes(15));
        tokens.remember("Bearer a.b.c", verified);

        assertThat(tokens.recall("Bearer a.b.c")).isEqualTo(verified);
        assertThat(tokens.recall("Bearer a.b.C")).isNull();
        assertThat(tokens.recall("bearer a.b.c")).isNull();
        assertThat(tokens.recall("Bearer a.b.c ")).isNull();
    }

    @Test
    void aTokenIsForgottenWhenItExpires() {
        tokens.remember("Bearer short", expiringIn(Duration.ofSeconds(20)));
        clock.advance(Duration.ofSeconds(19));
        assertThat(tokens.recall("Bearer short")).isNotNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.recall("Bearer short")).isNull();
    }

    @Test
    void aLongLivedTokenIsRememberedAtMostTheMaximumAge() {
        tokens.remember("Bearer long", expiringIn(Duration.ofMinutes(15)));
        clock.advance(Duration.ofSeconds(59));
        assertThat(tokens.recall("Bearer long")).isNotNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.recall("Bearer long")).as("verified again after max-age").isNull();
    }

    @Test
    void aTokenWithoutAFutureExpiryIsNotRemembered() {
        tokens.remember("Bearer expired", expiringIn(Duration.ofSeconds(-1)));
        tokens.remember("Bearer now", expiringIn(Duration.ZERO));
        assertThat(tokens.recall("Bearer expired")).isNull();
        assertThat(tokens.recall("Bearer now")).isNull();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void switchedOffNothingIsRemembered() {
        VerifiedTokens off = new VerifiedTokens(0, Duration.ofMinutes(1), clock);
        off.remember("Bearer a", expiringIn(Duration.ofMinutes(15)));
        assertThat(off.recall("Bearer a")).isNull();
    }

    @Test
    void theNumberOfTokensIsBounded() {
        VerifiedTokens few = new VerifiedTokens(10, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 200; i++) {
            few.remember("Bearer t" + i, expiringIn(Duration.ofMinutes(15)));
        }
        assertThat(few.size()).isLessThanOrEqualTo(10);
    }
}
