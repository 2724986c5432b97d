package dev.shop.order.persistence;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.kit.mongo.MongoErrors;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.mongodb.reactive.ReactiveMongoDatabase;
import io.smallrye.mutiny.Uni;

/**
 * The messages sent to customers ({@code notifications}), one document per order and kind of message
 * ({@code _id = <orderId>:<kind>}): the claim that makes a status change produce one message, whichever event (or
 * redelivery of it) announces it. {@code PENDING} until the provider accepted it, then {@code SENT} (or
 * {@code SKIPPED} when no provider is configured).
 */
@ApplicationScoped
public class NotificationLog {

    public static final String COLLECTION = "notifications";

    private final ReactiveMongoDatabase database;

    public NotificationLog(OrderRepository orders) {
        this.database = orders.mongoDatabase();
    }

    /**
     * Claims the message; false when it was already delivered (or skipped), so it must not be sent again. A message
     * claimed but never confirmed (the sender failed, or the service stopped) may be sent again.
     */
    public Uni<Boolean> claim(String id, String orderId, String kind, String to, String text, Instant now) {
        Document message = new Document("_id", id).append("orderId", orderId).append("kind", kind).append("to", to)
                .append("text", text).append("status", "PENDING").append("attempts", 0)
                .append("createdAt", Date.from(now));
        return collection().insertOne(message).replaceWith(true)
                .onFailure(MongoErrors::isDuplicateKey).recoverWithUni(() -> collection()
                        .find(Filters.eq("_id", id)).collect().first()
                        .map(found -> found == null || "PENDING".equals(found.getString("status"))));
    }

    public Uni<Void> attempted(String id, String error) {
        return collection().updateOne(Filters.eq("_id", id),
                Updates.combine(Updates.inc("attempts", 1), Updates.set("lastError", error))).replaceWithVoid();
    }

    /** @param status {@code SENT} or {@code SKIPPED} */
    public Uni<Void> done(String id, String status, String provider, Instant now) {
        return collection().updateOne(Filters.eq("_id", id),
                Updates.combine(Updates.set("status", status), Updates.set("provider", provider),
                        Updates.inc("attempts", 1), Updates.set("sentAt", Date.from(now)), Updates.unset("lastError")))
                .replaceWithVoid();
    }

    /** The messages about an order, oldest first (for tests and support). */
    public Uni<List<Document>> ofOrder(String orderId) {
        return collection().find(Filters.eq("orderId", orderId)).collect().asList()
                .map(list -> list.stream().sorted((a, b) -> a.getDate("createdAt").compareTo(b.getDate("createdAt")))
                        .toList());
    }

    private ReactiveMongoCollection<Document> collection() {
        return database.getCollection(COLLECTION);
    }
}
