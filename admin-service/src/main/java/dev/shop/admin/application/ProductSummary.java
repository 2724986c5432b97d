package dev.shop.admin.application;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import dev.shop.admin.domain.ProductCriteria;
import dev.shop.admin.persistence.ProductEntryDocument;
import dev.shop.admin.persistence.ProductSummaryRepository;
import dev.shop.admin.persistence.ProductSummaryWrites;
import dev.shop.admin.persistence.ReadModelCollections;
import dev.shop.contracts.catalog.ProductCreated;
import dev.shop.contracts.catalog.ProductDeleted;
import dev.shop.contracts.catalog.ProductSnapshot;
import dev.shop.contracts.catalog.ProductUpdated;
import dev.shop.contracts.catalog.StockAdjusted;
import dev.shop.contracts.catalog.StockLow;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageRequest;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * The product and stock summary: each product's latest snapshot (by version), when it last ran low and its last manual
 * stock adjustment. Reservations and releases need no handling here: the catalogue announces the resulting stock level
 * in a {@code ProductUpdated}.
 */
@ApplicationScoped
public class ProductSummary implements Projection {

    private final ProductSummaryRepository products;
    private final ReadModelCollections collections;

    public ProductSummary(ProductSummaryRepository products, ReadModelCollections collections) {
        this.products = products;
        this.collections = collections;
    }

    @Override
    public ReadModel model() {
        return ReadModel.PRODUCTS;
    }

    public Uni<Void> apply(EventEnvelope event) {
        return apply(event, collections.collection(ReadModelCollections.PRODUCTS));
    }

    @Override
    public Uni<Void> apply(EventEnvelope event, ReactiveMongoCollection<Document> target) {
        return switch (event.type()) {
            case ProductCreated.TYPE -> snapshot(target, EventJson.dataAs(event, ProductCreated.class).product(), event);
            case ProductUpdated.TYPE -> snapshot(target, EventJson.dataAs(event, ProductUpdated.class).product(), event);
            case ProductDeleted.TYPE -> {
                ProductDeleted d = EventJson.dataAs(event, ProductDeleted.class);
                yield ProductSummaryWrites.ensure(target, d.productId())
                        .flatMap(ok -> ProductSummaryWrites.deleted(target, d.productId(), d.sku(),
                                d.deletedAt() == null ? event.occurredAt() : d.deletedAt()));
            }
            case StockLow.TYPE -> {
                StockLow low = EventJson.dataAs(event, StockLow.class);
                yield ProductSummaryWrites.ensure(target, low.productId())
                        .flatMap(ok -> ProductSummaryWrites.stockLow(target, low.productId(), low.stock(),
                                event.occurredAt()))
                        .replaceWithVoid();
            }
            case StockAdjusted.TYPE -> {
                StockAdjusted adjusted = EventJson.dataAs(event, StockAdjusted.class);
                yield ProductSummaryWrites.ensure(target, adjusted.productId())
                        .flatMap(ok -> ProductSummaryWrites.adjusted(target, adjusted, event.occurredAt()))
                        .replaceWithVoid();
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    public Uni<Page<ProductEntryDocument>> search(ProductCriteria criteria, PageRequest page) {
        return products.search(criteria, page);
    }

    public Uni<java.util.Optional<ProductEntryDocument>> find(String productId) {
        return products.findByIdOptional(productId);
    }

    private static Uni<Void> snapshot(ReactiveMongoCollection<Document> target, ProductSnapshot product,
            EventEnvelope event) {
        if (product == null || product.productId() == null) {
            throw new EventJson.MalformedEventException(event.type() + " " + event.eventId() + " has no product", null);
        }
        return ProductSummaryWrites.ensure(target, product.productId())
                .flatMap(ok -> ProductSummaryWrites.snapshot(target, product))
                .replaceWithVoid();
    }
}
