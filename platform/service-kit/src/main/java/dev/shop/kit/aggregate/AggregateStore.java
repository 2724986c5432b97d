package dev.shop.kit.aggregate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDocumentWriter;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonValue;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.kit.outbox.Outbox;
import dev.shop.kit.outbox.OutboxEvent;
import dev.shop.kit.outbox.OutboxRelay;
import dev.shop.kit.problem.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * The one way a service changes an aggregate and announces it. A command is a function that calls the aggregate's
 * domain method, which checks the transition (throwing on an illegal one) and returns the event payloads it produced.
 * The store then writes, in <em>one</em> conditional update on {@code version}:
 * <ul>
 * <li>{@code $set}/{@code $unset} of exactly the fields the command changed (so the relay's removal of published
 * events, and fields nobody touched, are never overwritten),</li>
 * <li>{@code $inc version},</li>
 * <li>{@code $push} of the events onto the document's outbox,</li>
 * </ul>
 * and asks the relay to publish them. State and events exist together or not at all; no dual write.
 * <p>
 * A lost race (someone else wrote the document between our read and our write) re-reads and runs the command again
 * after a random pause that grows with each lost race, up to {@code attempts} times, then answers 409
 * ({@link StaleVersionException}). A command that changes nothing and
 * returns no events writes nothing, so redelivered messages cost one read.
 * <p>
 * Create one per aggregate type with {@link AggregateStores#of}.
 *
 * @param <A> the aggregate
 * @param <D> its document
 */
public final class AggregateStore<A, D> {

    /** Fields the store and the relay own: never part of a command's {@code $set}. */
    private static final Set<String> STORE_FIELDS = Set.of("_id", OutboxEvent.FIELD, OutboxEvent.PARKED_FIELD,
            "outboxLease", "outboxLeaseToken");

    /**
     * How a store writes its documents; the defaults suit most aggregates. Additive settings for documents that other,
     * atomic writes change as well (see the service kit's README, "Changing an aggregate").
     */
    public static final class Options {

        private static final Options DEFAULTS = new Options("version", null);

        private final String versionField;
        private final String stampField;

        private Options(String versionField, String stampField) {
            this.versionField = versionField;
            this.stampField = stampField;
        }

        /** Concurrency on {@code version}, nothing stamped. */
        public static Options defaults() {
            return DEFAULTS;
        }

        /**
         * The counter the store conditions its writes on and increments, instead of {@code version}. For a document
         * whose {@code version} means something narrower to clients (e.g. edits of a product's own fields) while
         * other atomic writes (a stock hold) increment this counter too: a command never overwrites such a write, it
         * re-runs on top of it. {@code version} is then an ordinary field of the aggregate.
         */
        public Options withVersionField(String field) {
            return new Options(field, stampField);
        }

        /** A field the store sets to the current time with every write (e.g. a change marker that readers poll). */
        public Options withWriteStamp(String field) {
            return new Options(versionField, field);
        }
    }

    private final ReactiveMongoCollection<D> collection;
    private final Codec<D> codec;
    private final Codec<OutboxEvent> outboxCodec;
    private final AggregateMapper<A, D> mapper;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final String name;
    private final int attempts;
    private final String versionField;
    private final String stampField;
    private final Set<String> storeFields;
    private final AggregateWrites writes;

    AggregateStore(ReactiveMongoCollection<D> collection, CodecRegistry codecs, AggregateMapper<A, D> mapper,
            Outbox outbox, OutboxRelay relay, int attempts, Options options, AggregateWrites writes) {
        this.writes = writes;
        this.collection = collection;
        this.codec = codecs.get(collection.getDocumentClass());
        this.outboxCodec = codecs.get(OutboxEvent.class);
        this.mapper = mapper;
        this.outbox = outbox;
        this.relay = relay;
        this.name = collection.getNamespace().getCollectionName();
        this.attempts = attempts;
        this.versionField = options.versionField;
        this.stampField = options.stampField;
        Set<String> owned = new java.util.HashSet<>(STORE_FIELDS);
        owned.add(versionField);
        if (stampField != null) {
            owned.add(stampField);
        }
        this.storeFields = Set.copyOf(owned);
    }

    /** The collection's name, as the relay and the sweep know it. */
    public String collectionName() {
        return name;
    }

    /** The aggregate with that document id, if there is one. */
    public Uni<Optional<A>> find(Object documentId) {
        return collection.find(Filters.eq("_id", documentId)).collect().first()
                .map(doc -> Optional.ofNullable(doc).map(mapper::toDomain));
    }

    /**
     * The aggregate with that document id.
     *
     * @throws ProblemException 404 when there is none
     */
    public Uni<A> load(Object documentId) {
        return find(documentId).map(found -> found.orElseThrow(
                () -> ProblemException.notFound("No " + singular() + " " + printable(documentId))));
    }

    /**
     * Stores a new aggregate with the events of its creation. A unique index that refuses it fails the Uni with the
     * driver's duplicate-key error (see {@link dev.shop.kit.mongo.MongoErrors#isDuplicateKey}), which the problem
     * mapper answers 409 unless the caller recovers.
     */
    public Uni<A> insert(A aggregate, List<?> events) {
        D document = mapper.toDocument(aggregate);
        BsonDocument encoded = encode(document);
        String aggregateId = aggregateId(encoded.get("_id"));
        List<OutboxEvent> pending = events.stream().map(e -> outbox.event(aggregateId, e)).toList();
        BsonDocument withOutbox = encoded.clone();
        withOutbox.put(versionField, new BsonInt64(0));
        if (stampField != null) {
            withOutbox.put(stampField, new BsonDateTime(System.currentTimeMillis()));
        }
        withOutbox.put(OutboxEvent.FIELD, encodeOutbox(pending));
        return collection.withDocumentClass(BsonDocument.class).insertOne(withOutbox)
                .invoke(() -> {
                    if (!pending.isEmpty()) {
                        relay.publishSoon(name, encoded.get("_id"));
                    }
                    writes.written(name, encoded.get("_id"));
                })
                .replaceWith(() -> mapper.toDomain(decode(withOutbox)));
    }

    /**
     * Runs {@code command} on the current state of the aggregate and stores what it did.
     *
     * @param command calls one domain method and returns the event payloads it produced (empty when nothing happened)
     * @return the aggregate as stored after the command
     * @throws ProblemException 404 when there is no such aggregate; whatever the command throws (illegal transition);
     *         {@link StaleVersionException} when it kept losing races
     */
    public Uni<A> modify(Object documentId, Function<A, List<?>> command) {
        return attempt(documentId, null, changing(command), attempts);
    }

    /**
     * Like {@link #modify(Object, Function)}, for a client that read version {@code expectedVersion} and decided on
     * it: any other current version is a 409 at once, never a retry, since the client's decision may no longer hold.
     */
    public Uni<A> modify(Object documentId, long expectedVersion, Function<A, List<?>> command) {
        return attempt(documentId, expectedVersion, changing(command), 1);
    }

    /**
     * For an immutable aggregate (a record) that announces nothing: {@code next} returns the state after the change,
     * and the store writes the difference like {@link #modify(Object, Function)} does (retrying a lost race; a result
     * equal to the current state writes nothing).
     */
    public Uni<A> replace(Object documentId, UnaryOperator<A> next) {
        return attempt(documentId, null, current -> new Step<>(next.apply(current), List.of()), attempts);
    }

    /** {@link #replace(Object, UnaryOperator)} for a client that read {@code expectedVersion}: otherwise 409 at once. */
    public Uni<A> replace(Object documentId, long expectedVersion, UnaryOperator<A> next) {
        return attempt(documentId, expectedVersion, current -> new Step<>(next.apply(current), List.of()), 1);
    }

    /** What a command made of the aggregate: its next state and the events it announces. */
    private record Step<A>(A next, List<?> events) {
    }

    private static <A> Function<A, Step<A>> changing(Function<A, List<?>> command) {
        return aggregate -> new Step<>(aggregate, command.apply(aggregate));
    }

    private Uni<A> attempt(Object documentId, Long expectedVersion, Function<A, Step<A>> command, int left) {
        return collection.find(Filters.eq("_id", documentId)).collect().first().flatMap(doc -> {
            if (doc == null) {
                return Uni.createFrom().failure(
                        ProblemException.notFound("No " + singular() + " " + printable(documentId)));
            }
            BsonDocument before = encode(doc);
            long version = version(before);
            if (expectedVersion != null && expectedVersion != version) {
                return Uni.createFrom().failure(new StaleVersionException("The " + singular() + " is at version "
                        + version + ", not " + expectedVersion + "; read it again"));
            }
            Step<A> step = command.apply(mapper.toDomain(doc));
            A aggregate = step.next();
            List<?> payloads = step.events();
            BsonDocument after = encode(mapper.toDocument(aggregate));
            Bson changes = changes(before, after, storeFields);
            if (changes == null && payloads.isEmpty()) {
                return Uni.createFrom().item(aggregate);
            }
            String aggregateId = aggregateId(before.get("_id"));
            List<OutboxEvent> events = payloads.stream().map(p -> outbox.event(aggregateId, p)).toList();
            List<Bson> update = new ArrayList<>();
            if (changes != null) {
                update.add(changes);
            }
            update.add(Updates.inc(versionField, 1L));
            Date stamp = new Date();
            if (stampField != null) {
                update.add(Updates.set(stampField, stamp));
            }
            if (!events.isEmpty()) {
                update.add(outbox.append(events));
            }
            // A document written before it had a version field counts as version 0.
            Bson current = version == 0
                    ? Filters.or(Filters.eq(versionField, 0L), Filters.exists(versionField, false))
                    : Filters.eq(versionField, version);
            return collection.updateOne(Filters.and(Filters.eq("_id", documentId), current),
                    Updates.combine(update)).flatMap(result -> {
                        if (result.getMatchedCount() == 1) {
                            if (!events.isEmpty()) {
                                relay.publishSoon(name, documentId);
                            }
                            writes.written(name, documentId);
                            BsonDocument stored = after.clone();
                            stored.put(versionField, new BsonInt64(version + 1));
                            if (stampField != null) {
                                stored.put(stampField, new BsonDateTime(stamp.getTime()));
                            }
                            return Uni.createFrom().item(mapper.toDomain(decode(stored)));
                        }
                        if (expectedVersion == null && left > 1) {
                            // A random pause, growing with each lost race (up to 128 ms), spreads the losers out so
                            // they do not collide again in lockstep.
                            int lost = attempts - left + 1;
                            Duration pause = Duration.ofMillis(
                                    ThreadLocalRandom.current().nextLong(1, 2 + (1L << Math.min(lost + 1, 7))));
                            Log.debugf("Lost a race on %s/%s; retrying in %s", name, printable(documentId), pause);
                            return Uni.createFrom().voidItem().onItem().delayIt().by(pause)
                                    .flatMap(ignored -> attempt(documentId, null, command, left - 1));
                        }
                        return Uni.createFrom().failure(new StaleVersionException("The " + singular() + " "
                                + printable(documentId) + " was changed concurrently; read it again and retry"));
                    });
        });
    }

    /** {@code $set} of changed and added fields, {@code $unset} of removed ones; null when nothing changed. */
    static Bson changes(BsonDocument before, BsonDocument after, Set<String> storeFields) {
        List<Bson> updates = new ArrayList<>();
        for (Map.Entry<String, BsonValue> field : after.entrySet()) {
            String key = field.getKey();
            if (!storeFields.contains(key) && !field.getValue().equals(before.get(key))) {
                updates.add(Updates.set(key, field.getValue()));
            }
        }
        for (String key : before.keySet()) {
            if (!storeFields.contains(key) && !after.containsKey(key)) {
                updates.add(Updates.unset(key));
            }
        }
        return updates.isEmpty() ? null : Updates.combine(updates);
    }

    private BsonDocument encode(D document) {
        BsonDocument encoded = new BsonDocument();
        codec.encode(new BsonDocumentWriter(encoded), document, EncoderContext.builder().build());
        return encoded;
    }

    private D decode(BsonDocument stored) {
        return codec.decode(stored.asBsonReader(), DecoderContext.builder().build());
    }

    private BsonArray encodeOutbox(List<OutboxEvent> events) {
        BsonArray array = new BsonArray();
        for (OutboxEvent event : events) {
            BsonDocument encoded = new BsonDocument();
            outboxCodec.encode(new BsonDocumentWriter(encoded), event, EncoderContext.builder().build());
            array.add(encoded);
        }
        return array;
    }

    private long version(BsonDocument document) {
        BsonValue version = document.get(versionField);
        return version == null || !version.isNumber() ? 0 : version.asNumber().longValue();
    }

    private static String aggregateId(BsonValue id) {
        if (id instanceof BsonObjectId objectId) {
            return objectId.getValue().toHexString();
        }
        if (id != null && id.isString()) {
            return id.asString().getValue();
        }
        throw new IllegalStateException("aggregate documents need an ObjectId or string id, not " + id);
    }

    private static String printable(Object documentId) {
        return documentId instanceof org.bson.types.ObjectId oid ? oid.toHexString() : String.valueOf(documentId);
    }

    private String singular() {
        return name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    }
}
