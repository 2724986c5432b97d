package dev.shop.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RevokedSessionsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final RevokedSessions revoked = new RevokedSessions(1000, clock);

    @Test
    void aSessionIsListedUntilItsTokensExpire() {
        assertThat(revoked.revoke("s-1", clock.instant().plus(Duration.ofMinutes(15)))).isTrue();
        assertThat(revoked.isRevoked("s-1")).isTrue();
        assertThat(revoked.isRevoked("s-2")).isFalse();

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(revoked.isRevoked("s-1")).isFalse();
    }

    @Test
    void aRevocationWhoseTokensHaveExpiredIsIgnored() {
        assertThat(revoked.revoke("s-old", clock.instant().minusSeconds(1))).isFalse();
        assertThat(revoked.isRevoked("s-old")).isFalse();
        assertThat(revoked.revoke(null, clock.instant().plusSeconds(60))).isFalse();
        assertThat(revoked.revoke("s-x", null)).isFalse();
    }

    @Test
    void aLaterRevocationCanOnlyExtendTheListing() {
        revoked.revoke("s-1", clock.instant().plus(Duration.ofMinutes(15)));
        revoked.revoke("s-1", clock.instant().plus(Duration.ofMinutes(1)));
        clock.advance(Duration.ofMinutes(5));
        assertThat(revoked.isRevoked("s-1")).isTrue();
    }

    @Test
    void theListIsBounded() {
        RevokedSessions small = new RevokedSessions(10, Clock.systemUTC());
        for (int i = 0; i < 200; i++) {
            small.revoke("s-" + i, Instant.now().plus(Duration.ofMinutes(15)));
        }
        // bounded, and still listing: an empty list would be "bounded" too
        assertThat(small.size()).isBetween(1L, 10L);
    }
}
