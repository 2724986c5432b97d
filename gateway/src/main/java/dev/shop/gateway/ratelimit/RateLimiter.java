package dev.shop.gateway.ratelimit;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.shop.gateway.config.GatewayConfig;
import dev.shop.gateway.policy.RateClass;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * Token buckets (Bucket4j) per caller: a large one for public catalogue reads (per client IP, per user with a token),
 * per client IP for other anonymous calls, per user ({@code sub}) for authenticated ones, and a much smaller one per
 * route and client IP for the login, OTP and password routes. Buckets live in this replica's memory; see the README for
 * sharing them between replicas.
 */
@ApplicationScoped
public class RateLimiter {

    private final GatewayConfig.Limit browse;
    private final GatewayConfig.Limit anonymous;
    private final GatewayConfig.Limit authenticated;
    private final GatewayConfig.Limit strict;
    private final Cache<String, Bucket> buckets;
    private final TimeMeter time;

    @Inject
    public RateLimiter(GatewayConfig config) {
        this(config.rateLimits(), TimeMeter.SYSTEM_NANOTIME);
    }

    RateLimiter(GatewayConfig.RateLimits limits, TimeMeter time) {
        this.browse = checked("browse", limits.browse());
        this.anonymous = checked("anonymous", limits.anonymous());
        this.authenticated = checked("authenticated", limits.authenticated());
        this.strict = checked("strict", limits.strict());
        this.time = time;
        Duration longest = max(max(max(anonymous.period(), authenticated.period()), strict.period()),
                browse.period());
        // A bucket idle for a whole period is full again: forgetting it changes nothing.
        this.buckets = Caffeine.newBuilder()
                .maximumSize(limits.maxTrackedKeys())
                .expireAfterAccess(longest)
                .build();
    }

    /**
     * Takes one token for the caller; the verdict carries what the {@code RateLimit-*} headers report.
     *
     * @param route the policy row's pattern: strict buckets are per route
     */
    public Verdict consume(RateClass rateClass, String route, String clientIp, Optional<String> subject) {
        String key;
        GatewayConfig.Limit limit;
        if (rateClass == RateClass.STRICT) {
            key = "strict|" + route + "|" + clientIp;
            limit = strict;
        } else if (rateClass == RateClass.BROWSE) {
            key = subject.map(s -> "browse-user|" + s).orElse("browse-ip|" + clientIp);
            limit = browse;
        } else if (subject.isPresent()) {
            key = "user|" + subject.get();
            limit = authenticated;
        } else {
            key = "ip|" + clientIp;
            limit = anonymous;
        }
        Bucket bucket = buckets.get(key, k -> newBucket(limit));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return new Verdict(probe.isConsumed(), limit.capacity(), probe.getRemainingTokens(),
                seconds(probe.getNanosToWaitForReset()),
                probe.isConsumed() ? 0 : Math.max(1, seconds(probe.getNanosToWaitForRefill())),
                limit.period().toSeconds());
    }

    private Bucket newBucket(GatewayConfig.Limit limit) {
        return Bucket.builder()
                .addLimit(l -> l.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                .withCustomTimePrecision(time)
                .build();
    }

    private static GatewayConfig.Limit checked(String name, GatewayConfig.Limit limit) {
        if (limit.capacity() < 1 || limit.period().isZero() || limit.period().isNegative()) {
            throw new IllegalArgumentException(
                    "shop.gateway.rate-limits." + name + ": capacity must be >= 1 and period positive");
        }
        return limit;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }

    /**
     * The outcome of one request against its bucket.
     *
     * @param allowed whether a token was taken
     * @param limit the bucket's capacity
     * @param remaining tokens left
     * @param resetSeconds seconds until the bucket is full again
     * @param retryAfterSeconds when refused: seconds until a token is available
     * @param windowSeconds the refill period, for {@code RateLimit-Policy}
     */
    public record Verdict(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds,
            long windowSeconds) {
    }
}
