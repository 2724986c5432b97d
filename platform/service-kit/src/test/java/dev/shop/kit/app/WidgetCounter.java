package dev.shop.kit.app;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import dev.shop.kit.messaging.IdempotentConsumer;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * A consumer whose effect is not idempotent by itself (a counter), so only the kit's deduplication keeps it exact. It
 * refuses events of type {@code Poison}, which must end on the dead-letter topic, and events of type {@code Flaky}
 * while {@link #DEPENDENCY_DOWN} is set (a dependency that is down for longer than the retries last).
 */
@ApplicationScoped
public class WidgetCounter {

    public static final String CONSUMER = "widget-counter";
    public static final java.util.concurrent.atomic.AtomicBoolean DEPENDENCY_DOWN = new java.util.concurrent.atomic.AtomicBoolean();

    private final IdempotentConsumer consumer;
    private final ReactiveMongoCollection<Document> counters;

    public WidgetCounter(IdempotentConsumer consumer, ReactiveMongoClient mongo,
            @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.consumer = consumer;
        this.counters = mongo.getDatabase(database).getCollection("widget_counters");
    }

    @Incoming("widget-events")
    public Uni<Void> onWidgetEvent(String value) {
        return consumer.consume(CONSUMER, value, event -> {
            if ("Poison".equals(event.type())) {
                return Uni.createFrom().failure(new IllegalStateException("cannot process " + event.eventId()));
            }
            if ("Flaky".equals(event.type()) && DEPENDENCY_DOWN.get()) {
                return Uni.createFrom().failure(new IllegalStateException("dependency down for " + event.eventId()));
            }
            return counters.updateOne(Filters.eq("_id", event.aggregateId()), Updates.inc("count", 1),
                    new UpdateOptions().upsert(true)).replaceWithVoid();
        }).replaceWithVoid();
    }

    public Uni<Integer> count(String aggregateId) {
        return counters.find(Filters.eq("_id", aggregateId)).collect().first()
                .map(doc -> doc == null ? 0 : doc.getInteger("count"));
    }
}
