package dev.shop.catalog.application;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;

import dev.shop.catalog.config.CatalogConfig;
import dev.shop.catalog.domain.CatalogEntry;
import dev.shop.catalog.persistence.ProductDocument;
import dev.shop.catalog.persistence.ProductRepository;
import dev.shop.kit.aggregate.AggregateStore;
import dev.shop.kit.aggregate.AggregateStores;
import io.quarkus.logging.Log;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Announces stock levels. Reservations change {@code stock} with an atomic {@code $inc} whose result the writer does not
 * see, so the level is announced afterwards by a command of the product's {@link CatalogEntry}: {@code publishedStock}
 * holds the last announced level, and the command moves it to the current level while announcing
 * {@code ProductUpdated(stock)} and, when the move crosses the threshold downwards, {@code StockLow}. The store's write
 * is conditional on the document's {@code revision}, which every stock change increments, so the announced levels form
 * one chain in write order, never going back in time, and each downward crossing is announced once. Every stock change
 * sets {@code stockDirty}; a sweep announces what a crash or a lost race left unannounced.
 */
@ApplicationScoped
public class StockLevels {

    private final ProductRepository products;
    private final CatalogConfig config;
    private final AggregateStore<CatalogEntry, ProductDocument> store;

    public StockLevels(ProductRepository products, CatalogConfig config, AggregateStores stores) {
        this.products = products;
        this.config = config;
        this.store = ProductService.productStore(products, stores);
    }

    /** Announces the current level of each product (one after the other). */
    public Uni<Void> announce(List<ObjectId> productIds) {
        return Multi.createFrom().iterable(productIds)
                .onItem().transformToUniAndConcatenate(this::announce)
                .collect().last().replaceWithVoid();
    }

    /**
     * Announces the product's current level. A product that keeps changing under the announcement (a burst of
     * reservations) is left to the sweep, and so is a failure: the caller's own change is stored either way.
     */
    public Uni<Void> announce(ObjectId productId) {
        return store.modify(productId, entry -> entry.announceStockLevel(config.lowStockThreshold()))
                .replaceWithVoid()
                .onFailure().invoke(failure -> Log.debugf("Stock level of %s left to the sweep: %s", productId,
                        failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Announces levels a crash or a lost race left unannounced. */
    @Scheduled(every = "5s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        Instant settled = Instant.now().minusSeconds(2);
        return products.mongoCollection()
                .find(Filters.and(Filters.eq("stockDirty", true), Filters.lt("touchedAt", settled)),
                        new FindOptions().limit(100))
                .onItem().transformToUniAndConcatenate(doc -> announce(doc.id))
                .collect().last()
                .onFailure().invoke(f -> Log.warnf("Stock level sweep failed: %s", f.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
