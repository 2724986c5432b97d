package dev.shop.kit.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How consumers ride out failures before an event goes to the dead-letter topic. */
@ConfigMapping(prefix = "shop.messaging")
public interface MessagingConfig {

    /** Retries of a failed effect, with exponential backoff. */
    Retry retry();

    /**
     * How long one delivery owns an event it is applying. Another delivery of the same event (a rebalance, a
     * redelivery) waits meanwhile, and takes over only after the lease ran out (the owner crashed). Longer than any
     * single run of an effect.
     */
    @WithDefault("30s")
    Duration claimLease();

    /**
     * Copies of each checkout-saga channel (a service sets {@code mp.messaging.incoming.<channel>.concurrency} to this),
     * each its own consumer in the channel's group: the topic's partitions are shared out among them, so events of
     * different keys are applied concurrently and those of one key in order. Copies beyond the partition count idle.
     */
    @WithDefault("3")
    int sagaConcurrency();

    interface Retry {

        /** Pause before the first retry; each further pause doubles, up to {@link #maxBackoff()}. */
        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("15s")
        Duration maxBackoff();

        /**
         * How long to keep retrying before the event goes to the dead-letter topic: long enough for a database or a
         * dependency to restart.
         */
        @WithDefault("60s")
        Duration giveUpAfter();
    }
}
