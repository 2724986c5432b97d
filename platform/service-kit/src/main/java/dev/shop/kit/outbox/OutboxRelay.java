package dev.shop.kit.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
 * Publishes outbox events to Kafka: for one document at a time it takes a lease, sends its pending events in order,
 * waiting for the broker's acknowledgement of each, then removes exactly the acknowledged ones. It runs right after a
 * write ({@link #publishSoon}) and on a periodic sweep, which recovers whatever a crash or an unreachable broker left
 * behind.
 * <p>
 * <b>Leases.</b> A lease is an expiry ({@code outboxLease}) and a token of its holder ({@code outboxLeaseToken}).
 * The holder renews it before each send for longer than the longest wait for an acknowledgement, and every write of
 * the lease is conditional on the token: a relay never frees, or keeps alive, a lease another relay has taken since.
 * So two relays never publish from the same document at once.
 * <p>
 * <b>Refused events.</b> An event the broker refuses (an error a retry cannot mend, such as a record too large) counts
 * an attempt; after {@code shop.outbox.max-attempts} it is moved aside, in the same update, to the document's
 * {@code outboxParked} list (with the last error) and logged as an error, so the document's later events go on. An
 * unreachable broker or a missing acknowledgement is not a refusal: the events wait for the next sweep.
 * {@link #parked} lists what was moved aside.
 * <p>
 * Delivery is at least once: a crash after the send and before the removal publishes the event again, which
 * consumers absorb by deduplicating on {@code eventId}. Events of one aggregate keep their order (one document, one
 * lease holder, one partition per key), except around a parked event.
 */
@ApplicationScoped
public class OutboxRelay {

    static final String LEASE = "outboxLease";
    static final String LEASE_TOKEN = "outboxLeaseToken";
    private static final String PENDING = OutboxEvent.FIELD + ".eventId";

    /** An event moved aside, where it is. */
    public record ParkedEvent(String collection, Object documentId, String eventId, String topic, String type,
            int attempts, String lastError, Date createdAt) {
    }

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
     * Refuses to start with a lease that could run out while its holder waits for an acknowledgement, and indexes the
     * pending events of every outbox collection, so the sweep reads only documents that have some (sparse: documents
     * with an empty outbox are not in the index). The index is not awaited: a slow database must not hold up the boot.
     */
    void createIndexes(@Observes StartupEvent startup) {
        if (config.lease().compareTo(config.ackTimeout().multipliedBy(2)) < 0) {
            throw new IllegalStateException("shop.outbox.lease (" + config.lease() + ") must be at least twice "
                    + "shop.outbox.ack-timeout (" + config.ackTimeout() + ")");
        }
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
        String token = UUID.randomUUID().toString();
        Date now = new Date();
        Bson claim = Filters.and(Filters.eq("_id", documentId), Filters.exists(PENDING), leaseFree(now));
        return docs.updateOne(claim, Updates.combine(Updates.set(LEASE, leaseFrom(now)), Updates.set(LEASE_TOKEN,
                token)))
                .flatMap(result -> result.getModifiedCount() == 0
                        ? Uni.createFrom().item(0)
                        : sendPending(docs, collection, documentId, token));
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
                .collect().with(Collectors.summingInt(Integer::intValue));
    }

    /** Events the broker kept refusing, moved aside in the configured collections (at most {@code limit}). */
    public Uni<List<ParkedEvent>> parked(int limit) {
        return Multi.createFrom().iterable(config.collections().orElse(List.of()))
                .onItem().transformToMultiAndConcatenate(name -> collection(name)
                        .find(Filters.exists(OutboxEvent.PARKED_FIELD + ".0"),
                                new FindOptions().projection(Projections.include(OutboxEvent.PARKED_FIELD))
                                        .limit(limit))
                        .onItem().transformToIterable(doc -> doc
                                .getList(OutboxEvent.PARKED_FIELD, Document.class, List.of()).stream()
                                .map(e -> new ParkedEvent(name, doc.get("_id"), e.getString("eventId"),
                                        e.getString("topic"), e.getString("type"),
                                        e.get("attempts") instanceof Number n ? n.intValue() : 0,
                                        e.getString("lastError"), e.getDate("createdAt")))
                                .toList()))
                .select().first(limit)
                .collect().asList();
    }

    private Uni<Integer> sendPending(ReactiveMongoCollection<Document> docs, String collection, Object documentId,
            String token) {
        return docs.find(Filters.eq("_id", documentId),
                new FindOptions().projection(Projections.include(OutboxEvent.FIELD)))
                .collect().first()
                .flatMap(doc -> {
                    List<Document> events = doc == null ? List.of()
                            : doc.getList(OutboxEvent.FIELD, Document.class, List.of());
                    List<String> sent = new ArrayList<>();
                    return Multi.createFrom().iterable(events)
                            .onItem().transformToUniAndConcatenate(event -> renew(docs, documentId, token)
                                    .flatMap(ok -> send(event))
                                    .invoke(() -> sent.add(event.getString("eventId")))
                                    .onFailure(OutboxRelay::refused).recoverWithUni(
                                            failure -> refusedOnce(docs, collection, documentId, event, failure)
                                                    .flatMap(parked -> parked ? Uni.createFrom().voidItem()
                                                            : Uni.createFrom().failure(failure))))
                            .collect().last()
                            .onItemOrFailure().transformToUni((ignored, failure) -> release(docs, documentId, token,
                                    sent)
                                    .flatMap(count -> failure == null
                                            ? Uni.createFrom().item(count)
                                            : Uni.createFrom().failure(failure)));
                });
    }

    /** Extends our lease past the longest wait for the next acknowledgement; fails if another relay holds it now. */
    private Uni<Void> renew(ReactiveMongoCollection<Document> docs, Object documentId, String token) {
        return docs.updateOne(Filters.and(Filters.eq("_id", documentId), Filters.eq(LEASE_TOKEN, token)),
                Updates.set(LEASE, leaseFrom(new Date())))
                .map(result -> {
                    if (result.getMatchedCount() == 0) {
                        throw new IllegalStateException("lost the outbox lease of " + documentId);
                    }
                    return null;
                });
    }

    /**
     * Counts a refusal of {@code event}. Below the limit the event stays first in line (the pass stops, keeping the
     * order, and the next pass tries it again); the last allowed refusal moves it to the parked list, and the relay goes
     * on with the document's next event.
     *
     * @return whether the event was parked
     */
    private Uni<Boolean> refusedOnce(ReactiveMongoCollection<Document> docs, String collection, Object documentId,
            Document event, Throwable failure) {
        String eventId = event.getString("eventId");
        int attempts = (event.get("attempts") instanceof Number n ? n.intValue() : 0) + 1;
        String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        Bson stillPending = Filters.and(Filters.eq("_id", documentId), Filters.eq(PENDING, eventId));
        if (attempts < config.maxAttempts()) {
            Log.warnf("Kafka refused outbox event %s of %s/%s (attempt %d of %d): %s", eventId, collection,
                    documentId, attempts, config.maxAttempts(), error);
            return docs.updateOne(stillPending, Updates.combine(Updates.set(OutboxEvent.FIELD + ".$.attempts",
                    attempts), Updates.set(OutboxEvent.FIELD + ".$.lastError", error)))
                    .replaceWith(false);
        }
        Log.errorf("Kafka refused outbox event %s (%s to %s) of %s/%s %d times; moved aside to %s: %s", eventId,
                event.getString("type"), event.getString("topic"), collection, documentId, attempts,
                OutboxEvent.PARKED_FIELD, error);
        Document parked = new Document(event).append("attempts", attempts).append("lastError", error)
                .append("parkedAt", new Date());
        return docs.updateOne(stillPending, Updates.combine(
                Updates.pullByFilter(new Document(OutboxEvent.FIELD, new Document("eventId", eventId))),
                Updates.push(OutboxEvent.PARKED_FIELD, parked)))
                .replaceWith(true);
    }

    /**
     * Removes what was acknowledged (whoever holds the lease now: those events are on Kafka) and frees the document,
     * if the lease is still ours, for the next write's publish or the sweep.
     */
    Uni<Integer> release(ReactiveMongoCollection<Document> docs, Object documentId, String token,
            List<String> sent) {
        Bson removeSent = Updates.pullByFilter(new Document(OutboxEvent.FIELD,
                new Document("eventId", new Document("$in", sent))));
        Bson unlease = Updates.combine(Updates.unset(LEASE), Updates.unset(LEASE_TOKEN));
        Bson update = sent.isEmpty() ? unlease : Updates.combine(removeSent, unlease);
        return docs.updateOne(Filters.and(Filters.eq("_id", documentId), Filters.eq(LEASE_TOKEN, token)), update)
                .flatMap(result -> {
                    if (result.getMatchedCount() == 1 || sent.isEmpty()) {
                        return Uni.createFrom().item(sent.size());
                    }
                    Log.warnf("Outbox lease of %s was taken over while publishing; removing the %d sent events only",
                            documentId, sent.size());
                    return docs.updateOne(Filters.eq("_id", documentId), removeSent).replaceWith(sent.size());
                });
    }

    private Uni<Void> send(Document event) {
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> metadata = OutgoingKafkaRecordMetadata
                .<String> builder()
                .withTopic(event.getString("topic"))
                .withKey(event.getString("key"));
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-type", bytes(event.getString("type")));
        String correlationId = event.getString("correlationId");
        if (correlationId != null) {
            headers.add(RequestIds.KAFKA_HEADER, bytes(correlationId));
        }
        Message<String> message = Message.of(event.getString("envelope"))
                .addMetadata(metadata.withHeaders(headers).build());
        Duration timeout = config.ackTimeout();
        return emitter.sendMessage(message)
                .ifNoItem().after(timeout).failWith(() -> new IllegalStateException(
                        "no acknowledgement from Kafka within " + timeout + " for event "
                                + event.getString("eventId")));
    }

    /**
     * The broker (or the producer, on its behalf) refused the record for good: a Kafka error that is not retriable.
     * Timeouts and an unreachable broker are not refusals.
     */
    static boolean refused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetriableException) {
                return false;
            }
            if (t instanceof ApiException) {
                return true;
            }
        }
        return false;
    }

    private Date leaseFrom(Date now) {
        return new Date(now.getTime() + config.lease().toMillis());
    }

    private static Bson leaseFree(Date now) {
        return Filters.or(Filters.eq(LEASE, null), Filters.lt(LEASE, now));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
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
