package dev.shop.catalog.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import dev.shop.kit.mongo.MongoErrors;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PurchaseRepository implements ReactivePanacheMongoRepositoryBase<PurchaseDocument, String> {

    /** Records the purchase once; later deliveries of the same product keep the first. */
    public Uni<Void> record(String userId, String productId, String orderId, java.time.Instant deliveredAt) {
        return mongoCollection().updateOne(Filters.eq("_id", PurchaseDocument.key(userId, productId)),
                Updates.combine(Updates.setOnInsert("userId", userId), Updates.setOnInsert("productId", productId),
                        Updates.setOnInsert("orderId", orderId), Updates.setOnInsert("deliveredAt", deliveredAt)),
                new UpdateOptions().upsert(true)).replaceWithVoid()
                // Two deliveries racing to insert the same purchase: the other one won, which is the same thing.
                .onFailure(MongoErrors::isDuplicateKey).recoverWithNull();
    }

    public Uni<Boolean> hasPurchased(String userId, String productId) {
        return mongoCollection().countDocuments(Filters.eq("_id", PurchaseDocument.key(userId, productId)))
                .map(n -> n > 0);
    }
}
