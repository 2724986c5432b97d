package dev.shop.kit.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the outbox relay. */
@ConfigMapping(prefix = "shop.outbox")
public interface OutboxConfig {

    /** Collections whose documents carry an {@code outbox} array; the sweep scans these. */
    Optional<List<String>> collections();

    /** How often to look for events a crashed or failed relay left behind. */
    @WithDefault("2s")
    Duration sweepInterval();

    /**
     * How long one relay instance owns a document it publishes from; another may take over after that. The owner
     * renews it before each send, and it must be longer than {@link #ackTimeout()} (checked at startup), so that the
     * lease never runs out while the owner waits for the broker.
     */
    @WithDefault("60s")
    Duration lease();

    /**
     * The longest wait for the broker's acknowledgement of one event; after it the event counts as not sent. The
     * producer's own {@code delivery.timeout.ms} + {@code max.block.ms} stay below it, so a send given up on is not
     * completed later behind the next lease holder's back.
     */
    @WithDefault("20s")
    Duration ackTimeout();

    /**
     * After this many refusals by the broker (a record too large, an invalid topic: errors a retry cannot mend), an
     * event is moved aside into the document's {@code outboxParked} list and logged, so the document's later events
     * are not held up behind it. An unreachable broker is not a refusal and never parks anything.
     */
    @WithDefault("5")
    int maxAttempts();

    /** Documents handled per sweep and collection. */
    @WithDefault("100")
    int batchSize();
}
