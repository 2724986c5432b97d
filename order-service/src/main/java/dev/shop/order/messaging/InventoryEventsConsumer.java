package dev.shop.order.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.shop.contracts.catalog.StockRejected;
import dev.shop.contracts.catalog.StockReserved;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.kit.messaging.IdempotentConsumer;
import dev.shop.order.application.OrderCommands;
import dev.shop.order.domain.Rejection;
import io.smallrye.mutiny.Uni;

/**
 * The order's side of the checkout saga: the catalogue's answers on {@code shop.catalog.inventory.v1}. StockReserved
 * confirms (cash) or awaits payment (card); StockRejected rejects with the reasons per line. Each event is applied once
 * (IdempotentConsumer), and the order's state machine ignores an answer it has already acted on. Other inventory
 * events (StockReleased, StockLow, StockAdjusted) are not the order's business. Transient failures are retried; an
 * event that still cannot be applied goes to {@code shop.dlq.order-service.inventory}, and the pending-order sweeper
 * settles the order.
 */
@ApplicationScoped
public class InventoryEventsConsumer {

    public static final String CONSUMER = "order-saga";
    public static final String CHANNEL = "inventory";

    private final IdempotentConsumer consumer;
    private final OrderCommands orders;

    public InventoryEventsConsumer(IdempotentConsumer consumer, OrderCommands orders) {
        this.consumer = consumer;
        this.orders = orders;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onInventoryEvent(String value) {
        return consumer.consume(CONSUMER, value, this::apply)
                .replaceWithVoid();
    }

    Uni<Void> apply(EventEnvelope event) {
        return switch (event.type()) {
            case StockReserved.TYPE -> orders.stockReserved(orderId(event, EventJson.dataAs(event,
                    StockReserved.class).orderId())).replaceWithVoid();
            case StockRejected.TYPE -> {
                StockRejected rejected = EventJson.dataAs(event, StockRejected.class);
                List<Rejection.RejectedLine> lines = rejected.lines() == null ? List.of()
                        : rejected.lines().stream()
                                .map(l -> new Rejection.RejectedLine(l.productId(), l.requested(), l.available(),
                                        l.reason() == null ? "UNKNOWN" : l.reason()))
                                .toList();
                yield orders.stockRejected(orderId(event, rejected.orderId()), lines).replaceWithVoid();
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    private static String orderId(EventEnvelope event, String fromPayload) {
        return fromPayload != null ? fromPayload : event.aggregateId();
    }
}
