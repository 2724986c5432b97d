package dev.shop.auth.persistence;

import java.time.Instant;

import org.bson.Document;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import dev.shop.kit.mongo.MongoErrors;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * Counters in fixed windows, one document per key and window ({@code _id} = key, {@code count}, {@code expiresAt} =
 * window end): taking one is a single conditional upsert, so concurrent callers can never exceed the limit.
 */
final class BudgetCounters {

    private final ReactiveMongoCollection<Document> collection;

    BudgetCounters(ReactiveMongoCollection<Document> collection) {
        this.collection = collection;
    }

    /** @return true when one was taken, false when {@code limit} are already taken in this window */
    Uni<Boolean> take(String key, int limit, Instant windowEnd) {
        return collection.updateOne(Filters.and(Filters.eq("_id", key), Filters.lt("count", limit)),
                Updates.combine(Updates.inc("count", 1), Updates.setOnInsert("expiresAt", windowEnd)),
                new UpdateOptions().upsert(true))
                .replaceWith(true)
                .onFailure(MongoErrors::isDuplicateKey).recoverWithItem(false);
    }

    Uni<Void> giveBack(String key) {
        return collection.updateOne(Filters.and(Filters.eq("_id", key), Filters.gt("count", 0)),
                Updates.inc("count", -1)).replaceWithVoid();
    }
}
