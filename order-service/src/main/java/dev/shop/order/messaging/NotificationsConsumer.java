package dev.shop.order.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.shop.contracts.events.EventJson;
import dev.shop.kit.messaging.IdempotentConsumer;
import dev.shop.order.application.CustomerNotifications;
import io.smallrye.mutiny.Uni;

/**
 * Customer messages from the service's own events on {@code shop.orders.v1}, in a consumer group of their own, so the
 * order flow never waits for an SMS provider. Applied once per event id (and once per order and kind of message, see
 * {@link CustomerNotifications}); a send that fails is retried, then the event goes to
 * {@code shop.dlq.order-service.notifications}.
 */
@ApplicationScoped
public class NotificationsConsumer {

    public static final String CONSUMER = "order-notifications";
    public static final String CHANNEL = "notifications";

    private final IdempotentConsumer consumer;
    private final CustomerNotifications notifications;

    public NotificationsConsumer(IdempotentConsumer consumer, CustomerNotifications notifications) {
        this.consumer = consumer;
        this.notifications = notifications;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onOrderEvent(String value) {
        return consumer.consume(CONSUMER, value, event -> Uni.createFrom()
                .deferred(() -> notifications.onOrderEvent(event))
                .onFailure(e -> !(e instanceof EventJson.MalformedEventException))
                .retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5)).atMost(3))
                .replaceWithVoid();
    }
}
