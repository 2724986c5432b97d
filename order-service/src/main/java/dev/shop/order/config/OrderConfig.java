package dev.shop.order.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of order-service ({@code shop.order.*}); every key can be set with an environment variable. */
@ConfigMapping(prefix = "shop.order")
public interface OrderConfig {

    /** Region of inline shipping addresses without a country, and of phone numbers without a country code. */
    @WithDefault("IN")
    String defaultRegion();

    Shipping shipping();

    Pending pending();

    Analytics analytics();

    /** The calls checkout makes: cart-service, catalog-service's quote, auth-service's address book. */
    Dependencies dependencies();

    interface Shipping {
        /** Flat shipping fee in minor units of the order's currency; 0 ships for free. */
        @WithDefault("0")
        long fee();

        /** Subtotal (minor units, after discounts) from which shipping is free. */
        OptionalLong freeFrom();
    }

    /** The sweeper of orders the catalogue has not answered. */
    interface Pending {
        /** How often to look for orders left pending. */
        @WithDefault("30s")
        Duration sweepInterval();

        /** After how long without an answer {@code OrderPlaced} is published again (and then again, this far apart). */
        @WithDefault("2m")
        Duration redriveAfter();

        /** How often at most {@code OrderPlaced} is published again. */
        @WithDefault("3")
        int maxRedrives();

        /** After how long without an answer the order is rejected ({@code STOCK_TIMEOUT}). */
        @WithDefault("15m")
        Duration rejectAfter();

        /** Orders handled per sweep. */
        @WithDefault("100")
        int batchSize();
    }

    interface Analytics {
        /** Time zone of the days that sales are counted in. */
        @WithDefault("UTC")
        ZoneId zone();

        /** The currency sales reports are in. */
        @WithDefault("INR")
        String currency();
    }

    interface Dependencies {
        Dependency cart();

        Dependency catalog();

        Dependency auth();
    }

    /** Resilience of one synchronous call (all of them are reads, so they may be retried). */
    interface Dependency {
        /** Time allowed for one attempt. */
        @WithDefault("2s")
        Duration timeout();

        /** Attempts after the first one, on a timeout, a connection failure or a 5xx answer. */
        @WithDefault("2")
        int retries();

        /** Pause before a retry (a random jitter of the same size is added). */
        @WithDefault("100ms")
        Duration retryDelay();

        /** Calls in the rolling window that decides whether the circuit opens. */
        @WithDefault("10")
        int circuitVolume();

        /** Share of failed calls in the window that opens the circuit. */
        @WithDefault("0.5")
        double circuitFailureRatio();

        /** How long an open circuit refuses calls before it lets one try. */
        @WithDefault("10s")
        Duration circuitDelay();
    }
}
