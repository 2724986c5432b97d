package dev.shop.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;

import dev.shop.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;

/**
 * The deny-list of revoked sessions: a {@code sid} stays listed until the last access token issued for it has expired
 * ({@code accessTokensValidUntil}), then it drops out by itself. Bounded: past {@code max-entries} the entries least
 * likely to be needed go first, with a warning (that many revocations within one token lifetime means something else
 * is wrong).
 */
@ApplicationScoped
public class RevokedSessions {

    private final Cache<String, Instant> entries;
    private final Clock clock;

    @Inject
    public RevokedSessions(GatewayConfig config) {
        this(config.revocation().maxEntries(), Clock.systemUTC());
    }

    RevokedSessions(long maxEntries, Clock clock) {
        this.clock = clock;
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(new UntilTokensExpire(clock))
                .removalListener((String sid, Instant until, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE) {
                        Log.warnf("Revocation deny-list is full (%d entries): session %s dropped before %s",
                                maxEntries, sid, until);
                    }
                })
                .build();
    }

    /**
     * Lists {@code sessionId} until {@code validUntil}; a later revocation of the same session can only extend it.
     *
     * @return whether the session is listed now (false when its tokens have already expired)
     */
    public boolean revoke(String sessionId, Instant validUntil) {
        if (sessionId == null || sessionId.isBlank() || validUntil == null || !validUntil.isAfter(clock.instant())) {
            return false;
        }
        entries.asMap().merge(sessionId, validUntil, (a, b) -> a.isAfter(b) ? a : b);
        return true;
    }

    public boolean isRevoked(String sessionId) {
        if (sessionId == null) {
            return false;
        }
        Instant until = entries.getIfPresent(sessionId);
        return until != null && until.isAfter(clock.instant());
    }

    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    private record UntilTokensExpire(Clock clock) implements Expiry<String, Instant> {

        @Override
        public long expireAfterCreate(String key, Instant until, long currentTime) {
            return remaining(until);
        }

        @Override
        public long expireAfterUpdate(String key, Instant until, long currentTime, long currentDuration) {
            return remaining(until);
        }

        @Override
        public long expireAfterRead(String key, Instant until, long currentTime, long currentDuration) {
            return currentDuration;
        }

        private long remaining(Instant until) {
            Duration left = Duration.between(clock.instant(), until);
            return left.isNegative() ? 0 : left.toNanos();
        }
    }
}
