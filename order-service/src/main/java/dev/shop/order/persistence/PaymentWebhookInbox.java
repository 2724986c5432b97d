package dev.shop.order.persistence;

import java.time.Instant;
import java.util.Date;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.kit.mongo.MongoErrors;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.mongodb.reactive.ReactiveMongoDatabase;
import io.smallrye.mutiny.Uni;

/**
 * The inbox of payment provider webhooks ({@code payment_webhooks}): one document per provider and event id
 * ({@code _id = <provider>:<eventId>}), claimed by its insert, so the unique {@code _id} decides which delivery is the
 * first however many arrive at once. An event is {@code RECEIVED} until its effect is stored, then {@code PROCESSED}
 * with its outcome; a delivery of a processed event changes nothing.
 */
@ApplicationScoped
public class PaymentWebhookInbox {

    public static final String COLLECTION = "payment_webhooks";

    /** What the inbox knew of an event when a delivery arrived. */
    public enum Seen {
        /** The first delivery: the caller applies it. */
        NEW,
        /** An earlier delivery is being applied or failed before it was done: applying it again is harmless. */
        UNFINISHED,
        /** Applied already: nothing to do. */
        PROCESSED
    }

    private final ReactiveMongoDatabase database;

    public PaymentWebhookInbox(OrderRepository orders) {
        this.database = orders.mongoDatabase();
    }

    /** Records a delivery of the event and says whether it was seen before. */
    public Uni<Seen> receive(String provider, String eventId, String type, String orderId, Instant now) {
        Document event = new Document("_id", key(provider, eventId)).append("provider", provider)
                .append("eventId", eventId).append("type", type).append("orderId", orderId)
                .append("status", "RECEIVED").append("deliveries", 1).append("receivedAt", Date.from(now));
        return collection().insertOne(event).replaceWith(Seen.NEW)
                .onFailure(MongoErrors::isDuplicateKey).recoverWithUni(() -> collection()
                        .updateOne(Filters.eq("_id", key(provider, eventId)), Updates.inc("deliveries", 1))
                        .flatMap(counted -> collection().find(Filters.eq("_id", key(provider, eventId))).collect()
                                .first())
                        .map(found -> found != null && "PROCESSED".equals(found.getString("status")) ? Seen.PROCESSED
                                : Seen.UNFINISHED));
    }

    /** The event's effect is stored; {@code outcome} says what it was (for support). */
    public Uni<Void> processed(String provider, String eventId, String outcome, Instant now) {
        return collection().updateOne(Filters.eq("_id", key(provider, eventId)),
                Updates.combine(Updates.set("status", "PROCESSED"), Updates.set("outcome", outcome),
                        Updates.set("processedAt", Date.from(now))))
                .replaceWithVoid();
    }

    private static String key(String provider, String eventId) {
        return provider + ":" + eventId;
    }

    private ReactiveMongoCollection<Document> collection() {
        return database.getCollection(COLLECTION);
    }
}
