package dev.shop.order.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.orders.OrderCancelled;
import dev.shop.contracts.orders.OrderPlaced;
import dev.shop.contracts.orders.OrderRejected;
import dev.shop.kit.messaging.IdempotentConsumer;
import dev.shop.order.application.CouponRedemptions;
import io.smallrye.mutiny.Uni;

/**
 * Keeps coupon usage in step with orders, from the service's own events on {@code shop.orders.v1}: a placed order's use
 * is confirmed (the sweep of abandoned claims leaves it alone), a cancelled or rejected order's use is given back.
 * Both are conditional on the order's redemption in the coupon's document, so a redelivery changes nothing. Failures
 * are retried, then go to {@code shop.dlq.order-service.coupon-usage}.
 */
@ApplicationScoped
public class CouponUsageConsumer {

    public static final String CONSUMER = "order-coupons";
    public static final String CHANNEL = "coupon-usage";

    private final IdempotentConsumer consumer;
    private final CouponRedemptions coupons;

    public CouponUsageConsumer(IdempotentConsumer consumer, CouponRedemptions coupons) {
        this.consumer = consumer;
        this.coupons = coupons;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onOrderEvent(String value) {
        return consumer.consume(CONSUMER, value, event -> Uni.createFrom().deferred(() -> apply(event))
                .onFailure(e -> !(e instanceof EventJson.MalformedEventException))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).atMost(3))
                .replaceWithVoid();
    }

    Uni<Void> apply(EventEnvelope event) {
        return switch (event.type()) {
            case OrderPlaced.TYPE -> coupons.placed(event.aggregateId());
            case OrderCancelled.TYPE, OrderRejected.TYPE -> coupons.release(event.aggregateId());
            default -> Uni.createFrom().voidItem();
        };
    }
}
