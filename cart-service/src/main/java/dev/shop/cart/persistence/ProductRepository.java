package dev.shop.cart.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import dev.shop.cart.domain.CatalogueProduct;
import dev.shop.kit.mongo.MongoErrors;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;

/**
 * The product read model. Writes are order-safe: an announcement replaces the stored product only if it is newer
 * (a higher {@code version}, or the same version announced later: stock levels change without a new version), and
 * never once the product was deleted. Events redelivered or arriving out of order therefore leave the newest state.
 */
@ApplicationScoped
public class ProductRepository implements ReactivePanacheMongoRepositoryBase<ProductDocument, String> {

    public static final String FROM_EVENT = "event";
    public static final String FROM_CATALOG = "catalog-fetch";

    /**
     * Stores {@code product} as announced at {@code announcedAt} unless what is stored is newer.
     *
     * @return whether it was stored
     */
    public Uni<Boolean> storeIfNewer(CatalogueProduct product, Instant announcedAt, String source) {
        ProductDocument doc = ProductMapper.toDocument(product, announcedAt, source);
        Bson olderThanThis = Filters.and(Filters.eq("_id", doc.id), Filters.ne("deleted", true),
                Filters.or(Filters.lt("version", doc.version),
                        Filters.and(Filters.eq("version", doc.version), Filters.lte("announcedAt", announcedAt))));
        return replaceOlder(olderThanThis, doc).flatMap(replaced -> {
            if (replaced) {
                return Uni.createFrom().item(true);
            }
            // Nothing older is stored: either nothing at all (insert) or something newer (keep it).
            return mongoCollection().insertOne(doc).replaceWith(true)
                    .onFailure(MongoErrors::isDuplicateKey)
                    // Someone stored the product meanwhile; whether ours is newer decides once more.
                    .recoverWithUni(() -> replaceOlder(olderThanThis, doc));
        });
    }

    /** Marks a product deleted for good, keeping what is known of it (a tombstone when nothing is). */
    public Uni<Void> markDeleted(String productId, String sku, Instant deletedAt) {
        return mongoCollection().updateOne(Filters.eq("_id", productId),
                Updates.combine(Updates.set("deleted", true), Updates.set("deletedAt", deletedAt),
                        Updates.setOnInsert("sku", sku), Updates.setOnInsert("stock", 0),
                        Updates.setOnInsert("version", 0L), Updates.setOnInsert("announcedAt", deletedAt),
                        Updates.setOnInsert("source", FROM_EVENT)),
                new UpdateOptions().upsert(true)).replaceWithVoid();
    }

    /**
     * Products the events brought (tombstones included). Products fetched from the catalogue do not count: a read
     * model holding only those was never built from the topic.
     */
    public Uni<Long> countFromEvents() {
        return mongoCollection().countDocuments(Filters.eq("source", FROM_EVENT));
    }

    public Uni<Optional<CatalogueProduct>> product(String productId) {
        return findById(productId).map(doc -> Optional.ofNullable(doc).map(ProductMapper::toDomain));
    }

    public Uni<Map<String, CatalogueProduct>> products(Collection<String> productIds) {
        if (productIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return mongoCollection().find(Filters.in("_id", List.copyOf(productIds))).collect().asList()
                .map(docs -> docs.stream()
                        .map(ProductMapper::toDomain)
                        .collect(Collectors.toMap(CatalogueProduct::id, Function.identity())));
    }

    private Uni<Boolean> replaceOlder(Bson filter, ProductDocument doc) {
        return mongoCollection().replaceOne(filter, doc).map(result -> result.getMatchedCount() == 1);
    }
}
