package dev.shop.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import dev.shop.gateway.config.GatewayConfig;

/**
 * Access tokens whose signature, issuer, audience and expiry have been checked, remembered by their exact
 * {@code Authorization} header, so that a client's next requests with the same token skip the RSA verification (the
 * largest part of an authenticated request's CPU at the gateway). An entry lives until the token expires, and at most
 * {@code shop.gateway.token-cache.max-age}: a token signed with a key auth-service has since withdrawn stays accepted
 * for at most that long. Any other byte string is a different key and is verified in full. What the token grants is
 * re-read per request from the remembered claims: its session is checked against {@link RevokedSessions} every time.
 */
@ApplicationScoped
public class VerifiedTokens {

    /** What a verified token says about its caller. */
    public record Verified(Optional<String> subject, Optional<String> sessionId, boolean admin, Instant expiresAt) {
    }

    private record Entry(Verified verified, Instant until) {
    }

    private final Cache<String, Entry> entries;
    private final Clock clock;
    private final Duration maxAge;
    private final boolean enabled;

    @Inject
    public VerifiedTokens(GatewayConfig config) {
        this(config.tokenCache().maxEntries(), config.tokenCache().maxAge(), Clock.systemUTC());
    }

    VerifiedTokens(long maxEntries, Duration maxAge, Clock clock) {
        this.clock = clock;
        this.maxAge = maxAge;
        this.enabled = maxEntries > 0 && !maxAge.isNegative() && !maxAge.isZero();
        this.entries = Caffeine.newBuilder()
                .maximumSize(Math.max(maxEntries, 0))
                .expireAfter(Expiry.writing((String key, Entry entry) -> {
                    // Frees an entry's memory once it can no longer be recalled.
                    Duration left = Duration.between(clock.instant(), entry.until());
                    return left.isNegative() ? Duration.ZERO : left;
                }))
                .build();
    }

    /** The remembered claims of exactly this header value, or null when it has not been verified (or has expired). */
    public Verified recall(String authorization) {
        if (!enabled) {
            return null;
        }
        Entry entry = entries.getIfPresent(authorization);
        return entry != null && entry.until().isAfter(clock.instant()) ? entry.verified() : null;
    }

    /** Remembers a header value whose token has just been verified; a token without a future expiry is not kept. */
    public void remember(String authorization, Verified verified) {
        Instant now = clock.instant();
        if (enabled && verified.expiresAt().isAfter(now)) {
            Instant latest = now.plus(maxAge);
            entries.put(authorization, new Entry(verified, verified.expiresAt().isBefore(latest)
                    ? verified.expiresAt()
                    : latest));
        }
    }

    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
