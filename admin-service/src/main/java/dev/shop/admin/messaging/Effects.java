package dev.shop.admin.messaging;

import java.time.Duration;
import java.util.function.Supplier;

import dev.shop.contracts.events.EventJson;
import io.smallrye.mutiny.Uni;

/** How the consumers run an event's effects: transient failures are retried a few times before the dead-letter topic. */
final class Effects {

    private Effects() {
    }

    static Uni<Void> retried(Supplier<Uni<Void>> effect) {
        return Uni.createFrom().deferred(effect::get)
                .onFailure(e -> !(e instanceof EventJson.MalformedEventException))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).atMost(3);
    }
}
