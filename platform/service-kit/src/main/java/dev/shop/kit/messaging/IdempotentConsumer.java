package dev.shop.kit.messaging;

import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.kit.request.RequestContext;
import io.quarkus.logging.Log;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Applies each event at most once per consumer, although Kafka delivers at least once (DESIGN §5). The ids of processed
 * events are kept per consumer in {@code processed_events}, keyed by {@code consumer:eventId} (the {@code _id} index
 * makes the claim atomic).
 * <p>
 * The effect runs before the event is marked processed: a failure leaves it unmarked, the message is not acknowledged,
 * and the connector's dead-letter strategy moves it to the channel's dead-letter topic; it is never acknowledged and
 * dropped. A crash between the effect and the mark makes a redelivery run the effect again, so effects should be
 * idempotent on their own business key too (e.g. a stock reservation per order and product).
 *
 * <pre>
 * &#64;Incoming("orders")
 * public Uni&lt;Void&gt; onOrderEvent(String value) {
 *     return consumer.consume("catalog-stock", value, event -&gt; switch (event.type()) { ... });
 * }
 * </pre>
 */
@ApplicationScoped
public class IdempotentConsumer {

    static final String COLLECTION = "processed_events";

    private final ReactiveMongoClient mongo;
    private final String database;

    public IdempotentConsumer(ReactiveMongoClient mongo,
            @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.mongo = mongo;
        this.database = database;
    }

    void createIndexes(@jakarta.enterprise.event.Observes StartupEvent startup) {
        // Real MongoDB drops old markers after 30 days (redelivery never reaches that far back); the embedded server
        // stores the index and ignores it. Not awaited: a slow or absent database must not hold up the boot.
        processed().createIndex(Indexes.ascending("processedAt"), new IndexOptions().expireAfter(30L, TimeUnit.DAYS))
                .subscribe().with(name -> {
                }, failure -> Log.warnf("Could not create index on %s: %s", COLLECTION, failure.getMessage()));
    }

    /**
     * Reads the record value as an event envelope and applies {@code effect} unless {@code consumer} already did.
     *
     * @return true when the effect ran, false when the event was a duplicate
     */
    public Uni<Boolean> consume(String consumer, String recordValue, Function<EventEnvelope, Uni<Void>> effect) {
        EventEnvelope event;
        try {
            event = EventJson.read(recordValue);
        } catch (EventJson.MalformedEventException e) {
            return Uni.createFrom().failure(e);
        }
        return consume(consumer, event, effect);
    }

    public Uni<Boolean> consume(String consumer, EventEnvelope event, Function<EventEnvelope, Uni<Void>> effect) {
        if (event.correlationId() != null) {
            RequestContext.set(event.correlationId());
        }
        String key = consumer + ":" + event.eventId();
        return processed().find(Filters.eq("_id", key)).collect().first()
                .flatMap(seen -> {
                    if (seen != null) {
                        Log.debugf("%s skips duplicate %s %s", consumer, event.type(), event.eventId());
                        return Uni.createFrom().item(false);
                    }
                    return Uni.createFrom().deferred(() -> effect.apply(event))
                            .flatMap(done -> markProcessed(key, consumer, event));
                });
    }

    /** Whether {@code consumer} has processed the event (for tests and diagnostics). */
    public Uni<Boolean> hasProcessed(String consumer, String eventId) {
        return processed().countDocuments(Filters.eq("_id", consumer + ":" + eventId)).map(n -> n > 0);
    }

    /**
     * Forgets every event {@code consumer} processed, so replaying its topic applies them again (a read model rebuilt
     * from the beginning). Only for consumers whose effects are idempotent on their own.
     *
     * @return how many markers were removed
     */
    public Uni<Long> forget(String consumer) {
        return processed().deleteMany(Filters.eq("consumer", consumer)).map(result -> result.getDeletedCount());
    }

    private Uni<Boolean> markProcessed(String key, String consumer, EventEnvelope event) {
        Document marker = new Document("_id", key)
                .append("consumer", consumer)
                .append("eventId", event.eventId().toString())
                .append("type", event.type())
                .append("processedAt", new Date());
        return processed().insertOne(marker).replaceWith(true)
                .onFailure(IdempotentConsumer::isDuplicateKey).recoverWithItem(false);
    }

    private static boolean isDuplicateKey(Throwable failure) {
        return failure instanceof MongoWriteException write
                && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    private ReactiveMongoCollection<Document> processed() {
        return mongo.getDatabase(database).getCollection(COLLECTION);
    }
}
