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

    /** How long one relay instance owns a document it publishes from; another may take over after that. */
    @WithDefault("30s")
    Duration lease();

    /** Documents handled per sweep and collection. */
    @WithDefault("100")
    int batchSize();
}
