package dev.shop.order.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.orders.OrderCancelled;
import dev.shop.contracts.orders.OrderConfirmed;
import dev.shop.contracts.orders.OrderPaid;
import dev.shop.contracts.orders.OrderPlaced;
import dev.shop.contracts.orders.OrderRejected;
import dev.shop.kit.messaging.IdempotentConsumer;
import dev.shop.order.application.SalesAnalytics;
import io.smallrye.mutiny.Uni;

/**
 * Feeds sales analytics from the service's own events on {@code shop.orders.v1}, like any other consumer of them: so
 * analytics can be rebuilt by replaying the topic, and an order write never waits for it. Applied once per event id;
 * unprocessable events go to {@code shop.dlq.order-service.orders}.
 */
@ApplicationScoped
public class OrderEventsProjector {

    public static final String CONSUMER = "order-analytics";
    public static final String CHANNEL = "orders";

    private final IdempotentConsumer consumer;
    private final SalesAnalytics analytics;

    public OrderEventsProjector(IdempotentConsumer consumer, SalesAnalytics analytics) {
        this.consumer = consumer;
        this.analytics = analytics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onOrderEvent(String value) {
        return consumer.consume(CONSUMER, value, this::apply)
                .replaceWithVoid();
    }

    Uni<Void> apply(EventEnvelope event) {
        String orderId = event.aggregateId();
        return switch (event.type()) {
            case OrderPlaced.TYPE -> analytics.placed(EventJson.dataAs(event, OrderPlaced.class));
            case OrderConfirmed.TYPE -> {
                OrderConfirmed confirmed = EventJson.dataAs(event, OrderConfirmed.class);
                yield analytics.sold(orderId, confirmed.lines(), null, at(confirmed.confirmedAt(), event));
            }
            case OrderPaid.TYPE -> {
                OrderPaid paid = EventJson.dataAs(event, OrderPaid.class);
                yield analytics.sold(orderId, paid.lines(), paid.amount(), at(paid.paidAt(), event));
            }
            case OrderCancelled.TYPE -> analytics.cancelled(orderId,
                    at(EventJson.dataAs(event, OrderCancelled.class).cancelledAt(), event));
            case OrderRejected.TYPE -> analytics.rejected(orderId,
                    at(EventJson.dataAs(event, OrderRejected.class).rejectedAt(), event));
            default -> Uni.createFrom().voidItem();
        };
    }

    private static Instant at(Instant given, EventEnvelope event) {
        return given != null ? given : event.occurredAt();
    }
}
