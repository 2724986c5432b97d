package dev.shop.catalog.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.catalog.config.CatalogConfig;
import dev.shop.catalog.persistence.ProductDocument;
import dev.shop.catalog.persistence.ProductRepository;
import dev.shop.catalog.persistence.ProductWrites;
import dev.shop.contracts.catalog.StockLow;
import dev.shop.contracts.events.Topics;
import dev.shop.kit.outbox.Outbox;
import dev.shop.kit.outbox.OutboxEvent;
import dev.shop.kit.outbox.OutboxRelay;
import io.quarkus.logging.Log;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Announces stock levels. Reservations change {@code stock} with an atomic {@code $inc} whose result the writer does not
 * see, so the level is announced afterwards: {@code publishedStock} holds the last announced level, and one conditional
 * update moves it from P to the current level S (only if both are still what was read) while appending
 * {@code ProductUpdated(stock S)} and, when the move crosses the threshold downwards, {@code StockLow}. The announced
 * levels therefore form one chain in write order, never going back in time, and each downward crossing is announced
 * once. Every stock change sets {@code stockDirty}; a sweep announces what a crash left unannounced.
 */
@ApplicationScoped
public class StockLevels {

    private static final int ATTEMPTS = 10;

    private final ProductRepository products;
    private final ProductEvents productEvents;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final CatalogConfig config;

    public StockLevels(ProductRepository products, ProductEvents productEvents, Outbox outbox, OutboxRelay relay,
            CatalogConfig config) {
        this.products = products;
        this.productEvents = productEvents;
        this.outbox = outbox;
        this.relay = relay;
        this.config = config;
    }

    /** Announces the current level of each product (one after the other). */
    public Uni<Void> announce(List<ObjectId> productIds) {
        return Multi.createFrom().iterable(productIds)
                .onItem().transformToUniAndConcatenate(this::announce)
                .collect().last().replaceWithVoid();
    }

    public Uni<Void> announce(ObjectId productId) {
        return announce(productId, 1);
    }

    private Uni<Void> announce(ObjectId productId, int attempt) {
        return products.findById(productId).flatMap(doc -> {
            if (doc == null || doc.stock == doc.publishedStock && !doc.stockDirty) {
                return Uni.createFrom().voidItem();
            }
            int level = doc.stock;
            int announced = doc.publishedStock;
            List<OutboxEvent> events = new ArrayList<>();
            if (level != announced && !doc.deleted) {
                events.add(productEvents.updated(doc.toDomain(), level, List.of("stock")));
                int threshold = config.lowStockThreshold();
                if (announced >= threshold && level < threshold) {
                    events.add(outbox.event(Topics.CATALOG_INVENTORY, StockLow.TYPE, StockLow.VERSION,
                            productId.toHexString(),
                            new StockLow(productId.toHexString(), doc.sku, doc.name, level, threshold)));
                }
            }
            var update = events.isEmpty()
                    ? Updates.combine(Updates.set("publishedStock", level), Updates.set("stockDirty", false),
                            ProductWrites.touch())
                    : Updates.combine(Updates.set("publishedStock", level), Updates.set("stockDirty", false),
                            ProductWrites.touch(), outbox.append(events));
            return products.mongoCollection().updateOne(Filters.and(Filters.eq("_id", productId),
                    Filters.eq("stock", level), Filters.eq("publishedStock", announced)), update)
                    .flatMap(result -> {
                        if (result.getModifiedCount() == 1) {
                            if (!events.isEmpty()) {
                                relay.publishSoon(ProductDocument.COLLECTION, productId);
                            }
                            return Uni.createFrom().voidItem();
                        }
                        // The level moved again; whoever moved it announces too, but make sure this change is not lost.
                        return attempt < ATTEMPTS ? announce(productId, attempt + 1) : Uni.createFrom().voidItem();
                    });
        });
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
