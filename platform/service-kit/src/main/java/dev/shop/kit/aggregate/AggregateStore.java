package dev.shop.kit.aggregate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.bson.BsonArray;
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
 * A lost race (someone else wrote the document between our read and our write) re-reads and runs the command again,
 * up to {@code attempts} times, then answers 409 ({@link StaleVersionException}). A command that changes nothing and
 * returns no events writes nothing, so redelivered messages cost one read.
 * <p>
 * Create one per aggregate type with {@link AggregateStores#of}.
 *
 * @param <A> the aggregate
 * @param <D> its document
 */
public final class AggregateStore<A, D> {

    /** Fields the store owns: never part of a command's {@code $set}. */
    private static final Set<String> STORE_FIELDS = Set.of("_id", "version", OutboxEvent.FIELD, "outboxLease");

    private final ReactiveMongoCollection<D> collection;
    private final Codec<D> codec;
    private final Codec<OutboxEvent> outboxCodec;
    private final AggregateMapper<A, D> mapper;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final String name;
    private final int attempts;

    AggregateStore(ReactiveMongoCollection<D> collection, CodecRegistry codecs, AggregateMapper<A, D> mapper,
            Outbox outbox, OutboxRelay relay, int attempts) {
        this.collection = collection;
        this.codec = codecs.get(collection.getDocumentClass());
        this.outboxCodec = codecs.get(OutboxEvent.class);
        this.mapper = mapper;
        this.outbox = outbox;
        this.relay = relay;
        this.name = collection.getNamespace().getCollectionName();
        this.attempts = attempts;
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
        withOutbox.put("version", new BsonInt64(0));
        withOutbox.put(OutboxEvent.FIELD, encodeOutbox(pending));
        return collection.withDocumentClass(BsonDocument.class).insertOne(withOutbox)
                .invoke(() -> {
                    if (!pending.isEmpty()) {
                        relay.publishSoon(name, encoded.get("_id"));
                    }
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
        return attempt(documentId, null, command, attempts);
    }

    /**
     * Like {@link #modify(Object, Function)}, for a client that read version {@code expectedVersion} and decided on
     * it: any other current version is a 409 at once, never a retry, since the client's decision may no longer hold.
     */
    public Uni<A> modify(Object documentId, long expectedVersion, Function<A, List<?>> command) {
        return attempt(documentId, expectedVersion, command, 1);
    }

    private Uni<A> attempt(Object documentId, Long expectedVersion, Function<A, List<?>> command, int left) {
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
            A aggregate = mapper.toDomain(doc);
            List<?> payloads = command.apply(aggregate);
            BsonDocument after = encode(mapper.toDocument(aggregate));
            Bson changes = changes(before, after);
            if (changes == null && payloads.isEmpty()) {
                return Uni.createFrom().item(aggregate);
            }
            String aggregateId = aggregateId(before.get("_id"));
            List<OutboxEvent> events = payloads.stream().map(p -> outbox.event(aggregateId, p)).toList();
            List<Bson> update = new ArrayList<>();
            if (changes != null) {
                update.add(changes);
            }
            update.add(Updates.inc("version", 1L));
            if (!events.isEmpty()) {
                update.add(outbox.append(events));
            }
            return collection.updateOne(Filters.and(Filters.eq("_id", documentId), Filters.eq("version", version)),
                    Updates.combine(update)).flatMap(result -> {
                        if (result.getMatchedCount() == 1) {
                            if (!events.isEmpty()) {
                                relay.publishSoon(name, documentId);
                            }
                            BsonDocument stored = after.clone();
                            stored.put("version", new BsonInt64(version + 1));
                            return Uni.createFrom().item(mapper.toDomain(decode(stored)));
                        }
                        if (expectedVersion == null && left > 1) {
                            // A short random pause spreads the losers out, so they do not collide again in lockstep.
                            Duration pause = Duration.ofMillis(
                                    ThreadLocalRandom.current().nextLong(1, 2 + 4L * (attempts - left + 1)));
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
    static Bson changes(BsonDocument before, BsonDocument after) {
        List<Bson> updates = new ArrayList<>();
        for (Map.Entry<String, BsonValue> field : after.entrySet()) {
            String key = field.getKey();
            if (!STORE_FIELDS.contains(key) && !field.getValue().equals(before.get(key))) {
                updates.add(Updates.set(key, field.getValue()));
            }
        }
        for (String key : before.keySet()) {
            if (!STORE_FIELDS.contains(key) && !after.containsKey(key)) {
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

    private static long version(BsonDocument document) {
        BsonValue version = document.get("version");
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
