package dev.shop.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.shop.gateway.config.GatewayConfig;
import dev.shop.gateway.policy.RateClass;
import io.github.bucket4j.TimeMeter;

/**
 * The limits the gateway ships with, read from its own {@code application.properties}, against the traffic they are
 * meant for: a shop's traffic behind one shared address, and the local stack's end-to-end suites.
 */
class LocalStackLimitsTest {

    private static final String LOGIN = "/api/v1/auth/login";
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

    @Test
    void inTheLocalStackAnEndToEndSuiteIsNeverLockedOutButABruteForceBurstIs() throws IOException {
        RateLimiter limiter = new RateLimiter(limits("local"), clock);
        // an e2e suite: 150 sign-ins in a minute from 127.0.0.1, browsing and API calls around them
        for (int i = 0; i < 150; i++) {
            nanos.addAndGet(Duration.ofMillis(400).toNanos());
            assertThat(limiter.consume(RateClass.STRICT, LOGIN, "127.0.0.1", Optional.empty()).allowed())
                    .as("sign-in %d", i).isTrue();
            for (int j = 0; j < 10; j++) {
                assertThat(limiter.consume(RateClass.BROWSE, "/api/v1/products/**", "127.0.0.1", Optional.empty())
                        .allowed()).isTrue();
            }
        }
        // a script guessing passwords: 1,000 sign-ins as fast as it can
        int refused = 0;
        for (int i = 0; i < 1_000; i++) {
            if (!limiter.consume(RateClass.STRICT, LOGIN, "127.0.0.2", Optional.empty()).allowed()) {
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(700);
    }

    @Test
    void inProductionOneSharedAddressBrowsesFreelyWhileSignInsStayStrict() throws IOException {
        RateLimiter limiter = new RateLimiter(limits(null), clock);
        // 50 shoppers behind one carrier NAT address, each loading a catalogue page with 30 images in one minute
        for (int i = 0; i < 50 * 31; i++) {
            nanos.addAndGet(Duration.ofMillis(30).toNanos());
            assertThat(limiter.consume(RateClass.BROWSE, "/api/v1/media/**", "100.64.0.1", Optional.empty())
                    .allowed()).as("request %d", i).isTrue();
        }
        // and 20 of them sign in within that minute
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.consume(RateClass.STRICT, LOGIN, "100.64.0.1", Optional.empty()).allowed()).isTrue();
        }
        // a burst of guesses from one machine is cut off after the route's bucket
        int allowed = 0;
        for (int i = 0; i < 200; i++) {
            if (limiter.consume(RateClass.STRICT, LOGIN, "198.51.100.9", Optional.empty()).allowed()) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(30);
    }

    /** The rate limits of {@code application.properties}, with the {@code %profile.} values over the defaults. */
    private static GatewayConfig.RateLimits limits(String profile) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = LocalStackLimitsTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return new GatewayConfig.RateLimits() {
            @Override
            public GatewayConfig.Limit browse() {
                return limit("browse");
            }

            @Override
            public GatewayConfig.Limit anonymous() {
                return limit("anonymous");
            }

            @Override
            public GatewayConfig.Limit authenticated() {
                return limit("authenticated");
            }

            @Override
            public GatewayConfig.Limit strict() {
                return limit("strict");
            }

            @Override
            public long maxTrackedKeys() {
                return 100_000;
            }

            private GatewayConfig.Limit limit(String bucket) {
                long capacity = Long.parseLong(value(bucket + ".capacity"));
                Duration period = Duration.parse("PT" + value(bucket + ".period").toUpperCase());
                return new GatewayConfig.Limit() {
                    @Override
                    public long capacity() {
                        return capacity;
                    }

                    @Override
                    public Duration period() {
                        return period;
                    }
                };
            }

            private String value(String key) {
                String name = "shop.gateway.rate-limits." + key;
                String profiled = profile == null ? null : properties.getProperty("%" + profile + "." + name);
                return profiled != null ? profiled : properties.getProperty(name);
            }
        };
    }
}
