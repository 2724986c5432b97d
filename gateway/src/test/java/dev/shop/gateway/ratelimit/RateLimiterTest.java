package dev.shop.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.shop.gateway.config.GatewayConfig;
import dev.shop.gateway.policy.RateClass;
import io.github.bucket4j.TimeMeter;

class RateLimiterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    private static final String ROUTE = "/api/v1/orders/**";
    private static final String LOGIN = "/api/v1/auth/login";
    private static final String OTP = "/api/v1/auth/otp/request";

    private final RateLimiter limiter = new RateLimiter(limits(limit(2, "10s"), limit(3, "10s"), limit(1, "60s"),
            limit(5, "10s")), clock);

    @Test
    void anonymousCallersAreLimitedPerClientAddress() {
        assertThat(limiter.consume(RateClass.STANDARD, ROUTE, "10.0.0.1", Optional.empty()).allowed()).isTrue();
        assertThat(limiter.consume(RateClass.STANDARD, ROUTE, "10.0.0.1", Optional.empty()).allowed()).isTrue();
        RateLimiter.Verdict refused = limiter.consume(RateClass.STANDARD, ROUTE, "10.0.0.1", Optional.empty());
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfterSeconds()).isEqualTo(5);
        assertThat(refused.resetSeconds()).isEqualTo(10);

        assertThat(limiter.consume(RateClass.STANDARD, ROUTE, "10.0.0.2", Optional.empty()).allowed()).isTrue();
    }

    @Test
    void authenticatedCallersAreLimitedPerUserWhateverTheirAddress() {
        for (String ip : new String[] { "10.0.0.1", "10.0.0.2", "10.0.0.3" }) {
            assertThat(limiter.consume(RateClass.STANDARD, ROUTE, ip, Optional.of("user-1")).allowed()).isTrue();
        }
        RateLimiter.Verdict refused = limiter.consume(RateClass.STANDARD, ROUTE, "10.0.0.4", Optional.of("user-1"));
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.limit()).isEqualTo(3);
        assertThat(limiter.consume(RateClass.STANDARD, ROUTE, "10.0.0.4", Optional.of("user-2")).allowed()).isTrue();
        // The user's bucket is separate from the address' anonymous one.
        assertThat(limiter.consume(RateClass.STANDARD, ROUTE, "10.0.0.4", Optional.empty()).allowed()).isTrue();
    }

    @Test
    void theStrictBucketIsPerRouteAndAddressAndSeparateFromTheOthers() {
        assertThat(limiter.consume(RateClass.STRICT, LOGIN, "10.0.0.9", Optional.of("user-9")).allowed()).isTrue();
        RateLimiter.Verdict refused = limiter.consume(RateClass.STRICT, LOGIN, "10.0.0.9", Optional.of("user-10"));
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(60);
        // another sign-in route from the same address has a bucket of its own
        assertThat(limiter.consume(RateClass.STRICT, OTP, "10.0.0.9", Optional.empty()).allowed()).isTrue();
        assertThat(limiter.consume(RateClass.STANDARD, ROUTE, "10.0.0.9", Optional.empty()).allowed()).isTrue();
        assertThat(limiter.consume(RateClass.STRICT, LOGIN, "10.0.0.10", Optional.empty()).allowed()).isTrue();
    }

    @Test
    void catalogueBrowsingHasItsOwnBucketAndDoesNotStarveTheRest() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.consume(RateClass.BROWSE, "/api/v1/products/**", "10.2.0.1", Optional.empty())
                    .allowed()).isTrue();
        }
        RateLimiter.Verdict refused = limiter.consume(RateClass.BROWSE, "/api/v1/media/**", "10.2.0.1",
                Optional.empty());
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.limit()).isEqualTo(5);
        // the same address can still use the rest of the API, and a signed-in shopper browses on their own bucket
        assertThat(limiter.consume(RateClass.STANDARD, ROUTE, "10.2.0.1", Optional.empty()).allowed()).isTrue();
        assertThat(limiter.consume(RateClass.BROWSE, "/api/v1/products/**", "10.2.0.1", Optional.of("user-5"))
                .allowed()).isTrue();
    }

    @Test
    void tokensComeBackOverTime() {
        limiter.consume(RateClass.STANDARD, ROUTE, "10.1.1.1", Optional.empty());
        limiter.consume(RateClass.STANDARD, ROUTE, "10.1.1.1", Optional.empty());
        assertThat(limiter.consume(RateClass.STANDARD, ROUTE, "10.1.1.1", Optional.empty()).allowed()).isFalse();

        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        RateLimiter.Verdict later = limiter.consume(RateClass.STANDARD, ROUTE, "10.1.1.1", Optional.empty());
        assertThat(later.allowed()).isTrue();
        assertThat(later.remaining()).isZero();
    }

    @Test
    void nonsenseLimitsAreRefusedAtStartup() {
        assertThatThrownBy(() -> new RateLimiter(limits(limit(0, "1s"), limit(1, "1s"), limit(1, "1s"),
                limit(1, "1s")), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("anonymous");
    }

    private static GatewayConfig.RateLimits limits(GatewayConfig.Limit anonymous, GatewayConfig.Limit authenticated,
            GatewayConfig.Limit strict, GatewayConfig.Limit browse) {
        return new GatewayConfig.RateLimits() {
            @Override
            public GatewayConfig.Limit browse() {
                return browse;
            }

            @Override
            public GatewayConfig.Limit anonymous() {
                return anonymous;
            }

            @Override
            public GatewayConfig.Limit authenticated() {
                return authenticated;
            }

            @Override
            public GatewayConfig.Limit strict() {
                return strict;
            }

            @Override
            public long maxTrackedKeys() {
                return 1000;
            }
        };
    }

    private static GatewayConfig.Limit limit(long capacity, String period) {
        Duration duration = Duration.parse("PT" + period.toUpperCase());
        return new GatewayConfig.Limit() {
            @Override
            public long capacity() {
                return capacity;
            }

            @Override
            public Duration period() {
                return duration;
            }
        };
    }
}
