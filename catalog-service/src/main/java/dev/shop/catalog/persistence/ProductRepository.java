package dev.shop.catalog.persistence;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.catalog.domain.ProductStatus;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ProductRepository implements ReactivePanacheMongoRepositoryBase<ProductDocument, ObjectId> {

    /** Products not deleted that reference the brand, directly or through their fitment. */
    public Uni<Long> countUsingBrand(String brand) {
        return mongoCollection().countDocuments(Filters.and(Filters.eq("brandKeys", brand),
                Filters.ne("deleted", true)));
    }

    public Uni<Long> countFitting(String modelKey) {
        return mongoCollection().countDocuments(Filters.and(Filters.eq("fitmentKeys", modelKey),
                Filters.ne("deleted", true)));
    }

    public Uni<Long> countInCategory(String categoryId) {
        return mongoCollection().countDocuments(Filters.and(Filters.eq("categoryId", categoryId),
                Filters.ne("deleted", true)));
    }

    // ---- stock held for orders: each one conditional update of the product, atomic with its holds

    /**
     * Takes {@code quantity} units for the order: only from an active product with that much stock and no hold of this
     * order yet. The condition on the stock makes overselling impossible however many orders race; the hold, written
     * in the same update, makes taking idempotent per (order, product).
     *
     * @return whether this call took the units
     */
    public Uni<Boolean> takeHold(ObjectId productId, String orderId, int quantity) {
        Document hold = new Document("orderId", orderId).append("quantity", quantity).append("sold", false)
                .append("at", Instant.now());
        Bson available = Filters.and(Filters.eq("_id", productId), Filters.ne("deleted", true),
                Filters.eq("status", ProductStatus.ACTIVE.wire()), Filters.gte("stock", quantity),
                Filters.ne("holds.orderId", orderId));
        return mongoCollection().updateOne(available, Updates.combine(Updates.inc("stock", -quantity),
                Updates.push("holds", hold), Updates.set("stockDirty", true), ProductWrites.touch()))
                .map(result -> result.getModifiedCount() == 1);
    }

    /**
     * Gives the order's hold on the product back: conditional on the hold and removing it, so it happens once. A hold
     * already counted as sold takes its units out of {@code soldCount} again.
     *
     * @return whether this call gave the units back
     */
    public Uni<Boolean> giveBack(ObjectId productId, String orderId, int quantity) {
        Bson pull = Updates.pull("holds", new Document("orderId", orderId));
        Bson sold = Filters.and(Filters.eq("_id", productId), Filters.elemMatch("holds",
                Filters.and(Filters.eq("orderId", orderId), Filters.eq("sold", true))));
        Bson unsold = Filters.and(Filters.eq("_id", productId), Filters.elemMatch("holds",
                Filters.and(Filters.eq("orderId", orderId), Filters.ne("sold", true))));
        return mongoCollection().updateOne(sold, Updates.combine(Updates.inc("stock", quantity),
                Updates.inc("soldCount", -(long) quantity), pull, Updates.set("stockDirty", true),
                ProductWrites.touch()))
                .flatMap(r -> r.getModifiedCount() == 1 ? Uni.createFrom().item(true)
                        : mongoCollection().updateOne(unsold, Updates.combine(Updates.inc("stock", quantity), pull,
                                Updates.set("stockDirty", true), ProductWrites.touch()))
                                .map(u -> u.getModifiedCount() == 1));
    }

    /** Counts the order's units of the product as sold, once per (order, product). */
    public Uni<Void> markHoldSold(ObjectId productId, String orderId, int quantity) {
        return mongoCollection().updateOne(
                Filters.and(Filters.eq("_id", productId), Filters.elemMatch("holds",
                        Filters.and(Filters.eq("orderId", orderId), Filters.ne("sold", true)))),
                Updates.combine(Updates.inc("soldCount", (long) quantity), Updates.set("holds.$.sold", true),
                        ProductWrites.touch()))
                .replaceWithVoid();
    }

    /** The order was delivered: its sold hold on the product goes away, the units stay sold. */
    public Uni<Void> dropSoldHold(ObjectId productId, String orderId) {
        return mongoCollection().updateOne(
                Filters.and(Filters.eq("_id", productId), Filters.elemMatch("holds",
                        Filters.and(Filters.eq("orderId", orderId), Filters.eq("sold", true)))),
                Updates.combine(Updates.pull("holds", new Document("orderId", orderId)), ProductWrites.touch()))
                .replaceWithVoid();
    }

    // ---- rating counters, following the reviews

    public Uni<Void> adjustRating(ObjectId productId, int count, long sum) {
        return mongoCollection().updateOne(Filters.eq("_id", productId),
                Updates.combine(Updates.inc("ratingCount", count), Updates.inc("ratingSum", sum),
                        ProductWrites.touch()))
                .replaceWithVoid();
    }

    public Uni<Void> setRating(ObjectId productId, int count, long sum) {
        return mongoCollection().updateOne(Filters.eq("_id", productId),
                Updates.combine(Updates.set("ratingCount", count), Updates.set("ratingSum", sum),
                        ProductWrites.touch()))
                .replaceWithVoid();
    }

    /** A product that is not deleted, or null. */
    public Uni<ProductDocument> findLive(ObjectId id) {
        return mongoCollection().find(Filters.and(Filters.eq("_id", id), Filters.ne("deleted", true)))
                .collect().first();
    }
}
