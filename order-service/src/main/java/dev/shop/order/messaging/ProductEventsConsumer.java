package dev.shop.order.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.shop.contracts.catalog.ProductCreated;
import dev.shop.contracts.catalog.ProductDeleted;
import dev.shop.contracts.catalog.ProductUpdated;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.kit.messaging.IdempotentConsumer;
import dev.shop.order.application.ProductViews;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the product read model of analytics (names, images, prices, categories, status) from
 * {@code shop.catalog.products.v1}. Applied once per event id and conditional on the product's version; unprocessable
 * events go to {@code shop.dlq.order-service.products}.
 */
@ApplicationScoped
public class ProductEventsConsumer {

    public static final String CONSUMER = "order-products";
    public static final String CHANNEL = "products";

    private final IdempotentConsumer consumer;
    private final ProductViews views;

    public ProductEventsConsumer(IdempotentConsumer consumer, ProductViews views) {
        this.consumer = consumer;
        this.views = views;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onProductEvent(String value) {
        return consumer.consume(CONSUMER, value, this::apply)
                .replaceWithVoid();
    }

    Uni<Void> apply(EventEnvelope event) {
        return switch (event.type()) {
            case ProductCreated.TYPE -> views.changed(EventJson.dataAs(event, ProductCreated.class).product(),
                    event.occurredAt());
            case ProductUpdated.TYPE -> views.changed(EventJson.dataAs(event, ProductUpdated.class).product(),
                    event.occurredAt());
            case ProductDeleted.TYPE -> views.deleted(event.aggregateId(), event.occurredAt());
            default -> Uni.createFrom().voidItem();
        };
    }
}
