package dev.shop.admin.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.shop.admin.application.Alerts;
import dev.shop.admin.application.OrderIndex;
import dev.shop.admin.domain.AlertRules;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.orders.OrderCancelled;
import dev.shop.contracts.orders.OrderPaymentFailed;
import dev.shop.contracts.orders.OrderRejected;
import dev.shop.kit.messaging.IdempotentConsumer;
import io.smallrye.mutiny.Uni;

/**
 * order-service's events update the order index; declined card payments, and cancellations and rejections that mean a
 * failed payment or a refund due, raise alerts. Dead-letter topic: {@code shop.dlq.admin-service.orders}.
 */
@ApplicationScoped
public class OrderEventsConsumer {

    public static final String CHANNEL = "orders";
    public static final String CONSUMER = "admin-orders";

    private final IdempotentConsumer consumer;
    private final OrderIndex index;
    private final Alerts alerts;

    public OrderEventsConsumer(IdempotentConsumer consumer, OrderIndex index, Alerts alerts) {
        this.consumer = consumer;
        this.index = index;
        this.alerts = alerts;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onOrderEvent(String value) {
        return consumer.consume(CONSUMER, value,
                event -> Effects.retried(() -> index.apply(event).flatMap(applied -> raiseAlerts(event))))
                .replaceWithVoid();
    }

    private Uni<Void> raiseAlerts(EventEnvelope event) {
        String eventId = event.eventId().toString();
        return switch (event.type()) {
            case OrderCancelled.TYPE -> alerts.raiseAll(AlertRules.orderCancelled(
                    EventJson.dataAs(event, OrderCancelled.class), eventId, event.occurredAt()));
            case OrderPaymentFailed.TYPE -> alerts.raise(AlertRules.paymentFailed(
                    EventJson.dataAs(event, OrderPaymentFailed.class), eventId, event.occurredAt()));
            case OrderRejected.TYPE -> AlertRules.orderRejected(EventJson.dataAs(event, OrderRejected.class), eventId,
                    event.occurredAt()).map(alerts::raise).orElse(Uni.createFrom().voidItem());
            default -> Uni.createFrom().voidItem();
        };
    }
}
