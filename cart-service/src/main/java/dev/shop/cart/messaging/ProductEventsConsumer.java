package dev.shop.cart.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.shop.cart.application.ProductProjection;
import dev.shop.contracts.catalog.ProductCreated;
import dev.shop.contracts.catalog.ProductDeleted;
import dev.shop.contracts.catalog.ProductUpdated;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.kit.messaging.IdempotentConsumer;
import io.smallrye.mutiny.Uni;

/**
 * Builds the product read model from {@code shop.catalog.products.v1}. Each event is applied once per event id; the
 * projection is also idempotent and order-safe by product version, so a replay of the whole topic (see
 * ProductReplay) or a redelivery changes nothing that is newer. Transient failures are retried; an event that still
 * cannot be applied, or cannot be read, goes to {@code shop.dlq.cart-service.products}.
 */
@ApplicationScoped
public class ProductEventsConsumer {

    public static final String CONSUMER = "cart-products";
    public static final String CHANNEL = "products";

    private final IdempotentConsumer consumer;
    private final ProductProjection projection;

    public ProductEventsConsumer(IdempotentConsumer consumer, ProductProjection projection) {
        this.consumer = consumer;
        this.projection = projection;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onProductEvent(String value) {
        return consumer.consume(CONSUMER, value, this::apply)
                .replaceWithVoid();
    }

    Uni<Void> apply(EventEnvelope event) {
        return switch (event.type()) {
            case ProductCreated.TYPE -> projection.apply(EventJson.dataAs(event, ProductCreated.class).product(),
                    event.occurredAt());
            case ProductUpdated.TYPE -> projection.apply(EventJson.dataAs(event, ProductUpdated.class).product(),
                    event.occurredAt());
            case ProductDeleted.TYPE -> {
                ProductDeleted deleted = EventJson.dataAs(event, ProductDeleted.class);
                yield projection.delete(deleted.productId() == null ? event.aggregateId() : deleted.productId(),
                        deleted.sku(), deleted.deletedAt() == null ? event.occurredAt() : deleted.deletedAt());
            }
            default -> Uni.createFrom().voidItem();
        };
    }
}
