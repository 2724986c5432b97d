package dev.shop.kit.outbox;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * How far the outbox relay is behind, per outbox collection, as metrics: {@code shop_outbox_pending_events} (events
 * written with a state change and not yet acknowledged by Kafka) and {@code shop_outbox_oldest_pending_seconds} (the
 * age of the oldest of them; 0 when there is none). A working relay keeps the age at a few seconds; an age that keeps
 * growing means events are not reaching Kafka (the runbook in deploy/README.md says what to look at).
 */
@ApplicationScoped
public class OutboxBacklog {

    private static final String PENDING = OutboxEvent.FIELD + ".eventId";

    private final ReactiveMongoClient mongo;
    private final String database;
    private final OutboxConfig config;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> pendingEvents = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> oldestSeconds = new ConcurrentHashMap<>();

    public OutboxBacklog(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
            OutboxConfig config, MeterRegistry registry) {
        this.mongo = mongo;
        this.database = database;
        this.config = config;
        this.registry = registry;
    }

    void registerGauges(@Observes StartupEvent startup) {
        for (String collection : config.collections().orElse(List.of())) {
            Gauge.builder("shop.outbox.pending.events", gauge(pendingEvents, collection), AtomicLong::get)
                    .description("Outbox events not yet acknowledged by Kafka").tag("collection", collection)
                    .register(registry);
            Gauge.builder("shop.outbox.oldest.pending.seconds", gauge(oldestSeconds, collection), AtomicLong::get)
                    .description("Age of the oldest outbox event not yet acknowledged by Kafka")
                    .tag("collection", collection).register(registry);
        }
    }

    /** Recounts every outbox collection; also what the scheduler runs. */
    @Scheduled(every = "${shop.outbox.backlog-interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = OutboxRelay.SweepGate.class)
    public Uni<Void> refresh() {
        return Multi.createFrom().iterable(config.collections().orElse(List.of()))
                .onItem().transformToUniAndConcatenate(this::refresh)
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> refresh(String collection) {
        List<Document> pipeline = List.of(
                new Document("$match", new Document(PENDING, new Document("$exists", true))),
                new Document("$unwind", "$" + OutboxEvent.FIELD),
                new Document("$group", new Document("_id", null)
                        .append("events", new Document("$sum", 1))
                        .append("oldest", new Document("$min", "$" + OutboxEvent.FIELD + ".createdAt"))));
        return mongo.getDatabase(database).getCollection(collection).aggregate(pipeline)
                .collect().first()
                .invoke(result -> {
                    long events = result == null ? 0 : ((Number) result.get("events")).longValue();
                    Date oldest = result == null ? null : result.getDate("oldest");
                    gauge(pendingEvents, collection).set(events);
                    gauge(oldestSeconds, collection).set(oldest == null ? 0
                            : Math.max(0, (System.currentTimeMillis() - oldest.getTime()) / 1000));
                })
                .onFailure().invoke(failure -> Log.debugf("Outbox backlog of %s not counted: %s", collection,
                        failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private static AtomicLong gauge(Map<String, AtomicLong> gauges, String collection) {
        return gauges.computeIfAbsent(collection, c -> new AtomicLong());
    }
}
