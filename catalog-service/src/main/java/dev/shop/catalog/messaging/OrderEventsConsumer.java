package dev.shop.catalog.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.shop.catalog.application.ReviewService;
import dev.shop.catalog.application.StockReservations;
import dev.shop.catalog.domain.StockRequest;
import dev.shop.contracts.catalog.StockReleased;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.orders.OrderCancelled;
import dev.shop.contracts.orders.OrderConfirmed;
import dev.shop.contracts.orders.OrderDelivered;
import dev.shop.contracts.orders.OrderLine;
import dev.shop.contracts.orders.OrderPaid;
import dev.shop.contracts.orders.OrderPlaced;
import dev.shop.contracts.orders.OrderRejected;
import dev.shop.kit.messaging.IdempotentConsumer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The catalogue's consumer of {@code shop.orders.v1} (docs/events.md): reserves stock for placed orders, gives it back for
 * cancelled or rejected ones, counts sold units on confirmation or payment, and records delivered products as
 * purchased. Events are applied once per event id (IdempotentConsumer); every effect is also idempotent on its business
 * key, so a redelivery under a new id changes nothing either. Transient failures are retried with backoff by the kit
 * (about a minute); an event that still cannot be applied, or cannot be read, goes to
 * {@code shop.dlq.catalog-service.orders} with the reason in its headers.
 */
@ApplicationScoped
public class OrderEventsConsumer {

    public static final String CONSUMER = "catalog-orders";
    public static final String CHANNEL = "orders";

    private final IdempotentConsumer consumer;
    private final StockReservations stock;
    private final ReviewService reviews;

    public OrderEventsConsumer(IdempotentConsumer consumer, StockReservations stock, ReviewService reviews) {
        this.consumer = consumer;
        this.stock = stock;
        this.reviews = reviews;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onOrderEvent(String value) {
        return consumer.consume(CONSUMER, value, event -> Uni.createFrom().deferred(() -> apply(event)))
                .replaceWithVoid();
    }

    Uni<Void> apply(EventEnvelope event) {
        String orderId = event.aggregateId();
        return switch (event.type()) {
            case OrderPlaced.TYPE -> {
                OrderPlaced placed = EventJson.dataAs(event, OrderPlaced.class);
                if (placed.lines() == null || placed.lines().isEmpty()) {
                    throw new EventJson.MalformedEventException("OrderPlaced " + orderId + " has no lines", null);
                }
                List<StockRequest.Line> lines = placed.lines().stream()
                        .map(l -> new StockRequest.Line(l.productId(), l.quantity())).toList();
                yield stock.reserve(orderId, placed.userId(), lines)
                        .invoke(outcome -> Log.infof("Order %s: stock %s", orderId, outcome.status()))
                        .replaceWithVoid();
            }
            case OrderConfirmed.TYPE, OrderPaid.TYPE -> stock.markSold(orderId);
            case OrderCancelled.TYPE -> stock.release(orderId, StockReleased.ORDER_CANCELLED);
            case OrderRejected.TYPE -> stock.release(orderId, StockReleased.ORDER_REJECTED);
            case OrderDelivered.TYPE -> {
                OrderDelivered delivered = EventJson.dataAs(event, OrderDelivered.class);
                List<String> products = delivered.lines() == null ? List.of()
                        : delivered.lines().stream().map(OrderLine::productId).toList();
                yield stock.complete(orderId, delivered.userId(), products,
                        delivered.deliveredAt() == null ? event.occurredAt() : delivered.deliveredAt())
                        .flatMap(ok -> reviews.markVerified(delivered.userId(), products));
            }
            default -> Uni.createFrom().voidItem();
        };
    }
}
