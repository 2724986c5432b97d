package dev.shop.cart.messaging;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.shop.cart.application.CartService;
import dev.shop.cart.domain.PurchasedLine;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.orders.OrderConfirmed;
import dev.shop.contracts.orders.OrderLine;
import dev.shop.contracts.orders.OrderPaid;
import dev.shop.kit.messaging.IdempotentConsumer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Takes bought units out of carts: on {@code OrderConfirmed} (cash on delivery) and {@code OrderPaid} (card) the
 * order's lines leave the buyer's cart. Applied once per event id, and once per order by the cart itself (it
 * remembers the orders it applied), so a redelivery under another event id trims nothing twice either. Unreadable
 * events, and those that still fail after retries, go to {@code shop.dlq.cart-service.orders}.
 */
@ApplicationScoped
public class OrderEventsConsumer {

    public static final String CONSUMER = "cart-orders";
    public static final String CHANNEL = "orders";

    private final IdempotentConsumer consumer;
    private final CartService carts;

    public OrderEventsConsumer(IdempotentConsumer consumer, CartService carts) {
        this.consumer = consumer;
        this.carts = carts;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onOrderEvent(String value) {
        return consumer.consume(CONSUMER, value, this::apply)
                .replaceWithVoid();
    }

    Uni<Void> apply(EventEnvelope event) {
        return switch (event.type()) {
            case OrderConfirmed.TYPE -> {
                OrderConfirmed confirmed = EventJson.dataAs(event, OrderConfirmed.class);
                yield trim(event, confirmed.userId(), confirmed.orderId(), confirmed.lines(), confirmed.cartAsOf());
            }
            case OrderPaid.TYPE -> {
                OrderPaid paid = EventJson.dataAs(event, OrderPaid.class);
                yield trim(event, paid.userId(), paid.orderId(), paid.lines(), paid.cartAsOf());
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> trim(EventEnvelope event, String userId, String orderId, List<OrderLine> lines,
            Instant cartAsOf) {
        if (userId == null || userId.isBlank()) {
            throw new EventJson.MalformedEventException(event.type() + " " + event.aggregateId() + " has no userId",
                    null);
        }
        String order = orderId == null ? event.aggregateId() : orderId;
        if (lines == null || lines.isEmpty()) {
            Log.debugf("%s %s carries no lines; nothing leaves the cart", event.type(), order);
            return Uni.createFrom().voidItem();
        }
        List<PurchasedLine> purchased = lines.stream()
                .filter(l -> l.productId() != null)
                .map(l -> new PurchasedLine(l.productId(), l.quantity()))
                .toList();
        return carts.trimPurchased(userId, order, purchased, cartAsOf);
    }
}
