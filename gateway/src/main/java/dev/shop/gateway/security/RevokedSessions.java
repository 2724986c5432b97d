package dev.shop.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

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

    private static final long WARNING_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

    private final Cache<String, Instant> entries;
    private final AtomicLong evicted = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS - 1);
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
                        evictedWhileLive(maxEntries);
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

    /** Warns at most once a minute, with the count: one line per entry would flood the log exactly when it matters. */
    private void evictedWhileLive(long maxEntries) {
        long dropped = evicted.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last > WARNING_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            Log.warnf("Revocation deny-list is full (%d entries): %d revoked sessions dropped before their tokens"
                    + " expired so far; raise shop.gateway.revocation.max-entries", maxEntries, dropped);
        }
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
