package dev.shop.kit.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;

import dev.shop.contracts.http.RequestIds;
import io.quarkus.logging.Log;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes outbox events to Kafka (DESIGN §6.1): for one document at a time it takes a lease, sends its pending events
 * in order, waiting for the broker's acknowledgement of each, then removes exactly the acknowledged ones. It runs right
 * after a write ({@link #publishSoon}) and on a periodic sweep, which recovers whatever a crash or an unreachable broker
 * left behind.
 * <p>
 * Delivery is at least once: a crash after the send and before the removal publishes the event again, which
 * consumers absorb by deduplicating on {@code eventId}. Events of one aggregate keep their order (one document, one
 * lease holder, one partition per key).
 */
@ApplicationScoped
public class OutboxRelay {

    static final String LEASE = "outboxLease";
    private static final String PENDING = OutboxEvent.FIELD + ".eventId";

    private final ReactiveMongoClient mongo;
    private final String database;
    private final OutboxConfig config;
    private final MutinyEmitter<String> emitter;

    public OutboxRelay(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
            OutboxConfig config, @Channel("shop-outbox") MutinyEmitter<String> emitter) {
        this.mongo = mongo;
        this.database = database;
        this.config = config;
        this.emitter = emitter;
    }

    /**
     * Indexes the pending events of every outbox collection, so the sweep reads only documents that have some (sparse:
     * documents with an empty outbox are not in the index). Not awaited: a slow database must not hold up the boot.
     */
    void createIndexes(@Observes StartupEvent startup) {
        for (String name : config.collections().orElse(List.of())) {
            collection(name).createIndex(Indexes.ascending(PENDING),
                    new IndexOptions().sparse(true).name("outbox_pending"))
                    .subscribe().with(created -> {
                    }, failure -> Log.warnf("Could not index the outbox of %s: %s", name, failure.getMessage()));
        }
    }

    /**
     * Publishes the pending events of one document in the background. Call it after the write that added them has
     * succeeded; if it fails, the sweep retries.
     */
    public void publishSoon(String collection, Object documentId) {
        publish(collection, documentId).subscribe().with(
                sent -> {
                },
                failure -> Log.warnf("Outbox publish of %s/%s deferred to the sweep: %s", collection, documentId,
                        failure.getMessage()));
    }

    /** Publishes the pending events of one document now; the result is the number of events sent. */
    public Uni<Integer> publish(String collection, Object documentId) {
        ReactiveMongoCollection<Document> docs = collection(collection);
        Date now = new Date();
        Bson claim = Filters.and(Filters.eq("_id", documentId), Filters.exists(PENDING), leaseFree(now));
        return docs.updateOne(claim, Updates.set(LEASE, new Date(now.getTime() + config.lease().toMillis())))
                .flatMap(result -> result.getModifiedCount() == 0
                        ? Uni.createFrom().item(0)
                        : sendPending(docs, documentId));
    }

    /** One pass over every configured collection; also what the scheduler runs. */
    @Scheduled(every = "${shop.outbox.sweep-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = SweepGate.class)
    public Uni<Void> sweep() {
        List<String> collections = config.collections().orElse(List.of());
        return Multi.createFrom().iterable(collections)
                .onItem().transformToUniAndConcatenate(this::sweep)
                .collect().last()
                .replaceWithVoid();
    }

    /** One pass over one collection; returns the number of events sent. */
    public Uni<Integer> sweep(String collection) {
        ReactiveMongoCollection<Document> docs = collection(collection);
        Bson pending = Filters.and(Filters.exists(PENDING), leaseFree(new Date()));
        FindOptions options = new FindOptions().projection(Projections.include("_id")).limit(config.batchSize());
        return docs.find(pending, options)
                .onItem().transformToUniAndConcatenate(doc -> publish(collection, doc.get("_id"))
                        .onFailure().recoverWithItem(failure -> {
                            Log.warnf("Outbox sweep could not publish %s/%s: %s", collection, doc.get("_id"),
                                    failure.getMessage());
                            return 0;
                        }))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    private Uni<Integer> sendPending(ReactiveMongoCollection<Document> docs, Object documentId) {
        return docs.find(Filters.eq("_id", documentId), new FindOptions().projection(Projections.include(OutboxEvent.FIELD)))
                .collect().first()
                .flatMap(doc -> {
                    List<Document> events = doc == null ? List.of() : doc.getList(OutboxEvent.FIELD, Document.class, List.of());
                    List<String> sent = new ArrayList<>();
                    return Multi.createFrom().iterable(events)
                            .onItem().transformToUniAndConcatenate(event -> send(event)
                                    .invoke(() -> sent.add(event.getString("eventId"))))
                            .collect().last()
                            .onItemOrFailure().transformToUni((ignored, failure) -> release(docs, documentId, sent)
                                    .flatMap(count -> failure == null
                                            ? Uni.createFrom().item(count)
                                            : Uni.createFrom().failure(failure)));
                });
    }

    /** Removes what was acknowledged and frees the document for the next write's publish or the sweep. */
    private Uni<Integer> release(ReactiveMongoCollection<Document> docs, Object documentId, List<String> sent) {
        Bson update = sent.isEmpty()
                ? Updates.unset(LEASE)
                : Updates.combine(
                        Updates.pullByFilter(new Document(OutboxEvent.FIELD,
                                new Document("eventId", new Document("$in", sent)))),
                        Updates.unset(LEASE));
        return docs.updateOne(Filters.eq("_id", documentId), update).replaceWith(sent.size());
    }

    private Uni<Void> send(Document event) {
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> metadata = OutgoingKafkaRecordMetadata
                .<String> builder()
                .withTopic(event.getString("topic"))
                .withKey(event.getString("key"));
        org.apache.kafka.common.header.internals.RecordHeaders headers = new org.apache.kafka.common.header.internals.RecordHeaders();
        headers.add("event-type", bytes(event.getString("type")));
        String correlationId = event.getString("correlationId");
        if (correlationId != null) {
            headers.add(RequestIds.KAFKA_HEADER, bytes(correlationId));
        }
        Message<String> message = Message.of(event.getString("envelope"))
                .addMetadata(metadata.withHeaders(headers).build());
        return emitter.sendMessage(message)
                .ifNoItem().after(Duration.ofSeconds(30)).failWith(() -> new IllegalStateException(
                        "no acknowledgement from Kafka for event " + event.getString("eventId")));
    }

    private static Bson leaseFree(Date now) {
        return Filters.or(Filters.eq(LEASE, null), Filters.lt(LEASE, now));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private ReactiveMongoCollection<Document> collection(String name) {
        return mongo.getDatabase(database).getCollection(name);
    }

    /**
     * Holds the scheduled sweep back in services that declared no outbox collections, and until the application has
     * started: the scheduler ticks while startup observers still run, before the messaging channels are wired.
     */
    @ApplicationScoped
    public static class SweepGate implements Scheduled.SkipPredicate {
        private final OutboxConfig config;
        private volatile boolean started;

        public SweepGate(OutboxConfig config) {
            this.config = config;
        }

        void onStarted(
                @jakarta.enterprise.event.Observes @jakarta.annotation.Priority(10_000) io.quarkus.runtime.StartupEvent event) {
            started = true;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !started || config.collections().map(List::isEmpty).orElse(true);
        }
    }
}
