package dev.shop.admin.persistence;

import java.util.Date;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import dev.shop.kit.mongo.MongoErrors;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * The building blocks every projection writes with. A document is created once with the defaults of its guards (so
 * the first event of any kind finds one), then each group of fields is set by a conditional update whose filter is the
 * guard: "only if what is stored is older". A redelivered or late event matches nothing and changes nothing.
 */
final class ProjectionWrites {

    static final Date EPOCH = new Date(0);

    private ProjectionWrites() {
    }

    /** Creates the document with {@code defaults} if it does not exist yet; a concurrent creation is fine. */
    static Uni<Void> ensure(ReactiveMongoCollection<Document> target, String id, Document defaults) {
        return target.updateOne(Filters.eq("_id", id), new Document("$setOnInsert", defaults),
                new UpdateOptions().upsert(true))
                .onFailure(MongoErrors::isDuplicateKey).recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Sets {@code update} only while the stored {@code guardField} is below {@code value}, and advances the guard. A
     * guard not stored yet (a group of fields the document has never had) counts as older than any value.
     */
    static Uni<Boolean> setIfNewer(ReactiveMongoCollection<Document> target, String id, String guardField,
            Object value, Bson update) {
        return target.updateOne(Filters.and(Filters.eq("_id", id),
                Filters.or(Filters.lt(guardField, value), Filters.exists(guardField, false))),
                Updates.combine(update, Updates.set(guardField, value)))
                .map(result -> result.getModifiedCount() > 0);
    }

    /** Sets facts that never change once known (a phone number, an order's lines): writing them again is harmless. */
    static Uni<Void> setFacts(ReactiveMongoCollection<Document> target, String id, Bson update) {
        return target.updateOne(Filters.eq("_id", id), update).replaceWithVoid();
    }

    static Date date(java.time.Instant at) {
        return at == null ? null : Date.from(at);
    }
}
