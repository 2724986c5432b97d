package dev.shop.admin.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.shop.admin.application.Alerts;
import dev.shop.admin.application.ProductSummary;
import dev.shop.admin.domain.AlertRules;
import dev.shop.contracts.catalog.StockLow;
import dev.shop.contracts.events.EventJson;
import dev.shop.kit.messaging.IdempotentConsumer;
import io.smallrye.mutiny.Uni;

/**
 * catalog-service's events: products and stock levels update the product summary; {@code StockLow} also raises an
 * alert. Dead-letter topics: {@code shop.dlq.admin-service.catalog-products} and
 * {@code shop.dlq.admin-service.catalog-inventory}.
 */
@ApplicationScoped
public class CatalogEventsConsumer {

    public static final String PRODUCTS_CHANNEL = "catalog-products";
    public static final String INVENTORY_CHANNEL = "catalog-inventory";
    public static final String PRODUCTS_CONSUMER = "admin-catalog-products";
    public static final String INVENTORY_CONSUMER = "admin-catalog-inventory";

    private final IdempotentConsumer consumer;
    private final ProductSummary products;
    private final Alerts alerts;

    public CatalogEventsConsumer(IdempotentConsumer consumer, ProductSummary products, Alerts alerts) {
        this.consumer = consumer;
        this.products = products;
        this.alerts = alerts;
    }

    @Incoming(PRODUCTS_CHANNEL)
    public Uni<Void> onProductEvent(String value) {
        return consumer.consume(PRODUCTS_CONSUMER, value, event -> Effects.retried(() -> products.apply(event)))
                .replaceWithVoid();
    }

    @Incoming(INVENTORY_CHANNEL)
    public Uni<Void> onInventoryEvent(String value) {
        return consumer.consume(INVENTORY_CONSUMER, value, event -> Effects.retried(() -> products.apply(event)
                .flatMap(applied -> StockLow.TYPE.equals(event.type())
                        ? alerts.raise(AlertRules.lowStock(EventJson.dataAs(event, StockLow.class),
                                event.eventId().toString(), event.occurredAt()))
                        : Uni.createFrom().voidItem())))
                .replaceWithVoid();
    }
}
