package dev.shop.kit.messaging;

import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.kit.aggregate.IllegalTransitionException;
import dev.shop.kit.mongo.MongoErrors;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.request.RequestContext;
import io.quarkus.logging.Log;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Applies each event at most once per consumer, although Kafka delivers at least once, and retries transient failures
 * before giving an event up to the channel's dead-letter topic.
 * <p>
 * <b>Claim first.</b> Before the effect runs, the delivery inserts a marker {@code consumer:eventId} into
 * {@code processed_events} (the {@code _id} index makes the claim atomic) with state {@code IN_PROGRESS}, a token of
 * its own and a lease ({@code shop.messaging.claim-lease}). Then it runs the effect and marks the event {@code DONE}.
 * A second delivery of the same event racing the first (a consumer-group rebalance, a redelivery) finds the claim and
 * waits; once the first is done it skips the event, and if the first crashed, it takes over when the lease runs out.
 * If the effect fails, the claim is released so that a retry, or a later delivery, can run it.
 * <p>
 * <b>Retries.</b> A failed attempt is retried with exponential backoff ({@code shop.messaging.retry.*}, about a
 * minute by default, enough for a database or a dependency to restart). A failure no retry can mend is not retried:
 * a record that is not an event ({@link EventJson.MalformedEventException}), an illegal transition, or another
 * client error (400, 404, 422). Then the failure propagates: the message is not acknowledged and the connector's
 * dead-letter strategy moves it to the channel's dead-letter topic, with the failure in its
 * {@code dead-letter-reason} / {@code dead-letter-cause} headers. It is never acknowledged and dropped.
 * <p>
 * A crash between the effect and the mark, or an effect that outlives its lease, lets a later delivery run the effect
 * again, so effects should be idempotent on their own business key too (e.g. a stock reservation per order and
 * product).
 *
 * <pre>
 * &#64;Incoming("orders")
 * public Uni&lt;Void&gt; onOrderEvent(String value) {
 *     return consumer.consume("catalog-stock", value, event -&gt; switch (event.type()) { ... }).replaceWithVoid();
 * }
 * </pre>
 */
@ApplicationScoped
public class IdempotentConsumer {

    static final String COLLECTION = "processed_events";
    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String DONE = "DONE";

    private enum Claim {
        MINE,
        DONE,
        HELD_ELSEWHERE
    }

    private final ReactiveMongoClient mongo;
    private final String database;
    private final MessagingConfig config;

    public IdempotentConsumer(ReactiveMongoClient mongo,
            @ConfigProperty(name = "quarkus.mongodb.database") String database, MessagingConfig config) {
        this.mongo = mongo;
        this.database = database;
        this.config = config;
    }

    void createIndexes(@Observes StartupEvent startup) {
        // Real MongoDB drops old markers after 30 days (redelivery never reaches that far back); the embedded server
        // stores the index and ignores it. Claims in progress carry no processedAt and never expire this way. Not
        // awaited: a slow or absent database must not hold up the boot.
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
        // One token per delivery: a retry of this delivery recognises its own claim.
        String token = UUID.randomUUID().toString();
        AtomicBoolean applied = new AtomicBoolean();
        long giveUpAt = System.nanoTime() + config.retry().giveUpAfter().toNanos();
        return withRetries(() -> attempt(key, token, applied, consumer, event, effect), config.retry().initialBackoff(),
                giveUpAt, consumer, event)
                .onFailure().invoke(failure -> Log.warnf("%s gives up on %s %s: %s", consumer, event.type(),
                        event.eventId(), failure.getMessage()));
    }

    /**
     * Runs {@code attempt} until it succeeds, fails in a way no retry can mend, or the next pause would end after
     * {@code giveUpAt}; the pause doubles from {@code backoff} up to the configured maximum (with some jitter, so that
     * instances retrying the same dependency do not do so in lockstep). The last failure propagates as it is, so the
     * dead letter names the real reason.
     */
    private Uni<Boolean> withRetries(java.util.function.Supplier<Uni<Boolean>> attempt, Duration backoff,
            long giveUpAt, String consumer, EventEnvelope event) {
        return Uni.createFrom().deferred(attempt::get).onFailure().recoverWithUni(failure -> {
            long jittered = (long) (backoff.toMillis() * (0.8 + 0.4 * java.util.concurrent.ThreadLocalRandom.current()
                    .nextDouble()));
            Duration pause = Duration.ofMillis(Math.max(1, jittered));
            if (!retriable(failure) || System.nanoTime() + pause.toNanos() > giveUpAt) {
                return Uni.createFrom().failure(failure);
            }
            Log.debugf("%s: %s %s failed, retrying in %s: %s", consumer, event.type(), event.eventId(), pause,
                    failure.getMessage());
            Duration next = backoff.multipliedBy(2).compareTo(config.retry().maxBackoff()) > 0
                    ? config.retry().maxBackoff()
                    : backoff.multipliedBy(2);
            return Uni.createFrom().voidItem().onItem().delayIt().by(pause)
                    .flatMap(ignored -> withRetries(attempt, next, giveUpAt, consumer, event));
        });
    }

    /** Whether {@code consumer} has processed the event (for tests and diagnostics). */
    public Uni<Boolean> hasProcessed(String consumer, String eventId) {
        return processed().countDocuments(Filters.and(Filters.eq("_id", consumer + ":" + eventId),
                Filters.ne("state", IN_PROGRESS))).map(n -> n > 0);
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

    /**
     * Whether a failure may go away on its own. Unreadable events, illegal transitions and other client errors fail
     * the same way every time.
     */
    static boolean retriable(Throwable failure) {
        if (failure instanceof EventJson.MalformedEventException || failure instanceof IllegalTransitionException) {
            return false;
        }
        if (failure instanceof ProblemException problem) {
            int status = problem.status();
            return status >= 500 || status == 409 || status == 429;
        }
        return true;
    }

    private Uni<Boolean> attempt(String key, String token, AtomicBoolean applied, String consumer,
            EventEnvelope event, Function<EventEnvelope, Uni<Void>> effect) {
        return claim(key, token, consumer, event, true).flatMap(claim -> switch (claim) {
            case DONE -> {
                Log.debugf("%s skips duplicate %s %s", consumer, event.type(), event.eventId());
                yield Uni.createFrom().item(false);
            }
            case HELD_ELSEWHERE -> Uni.createFrom()
                    .failure(new ClaimedElsewhereException(consumer, event.eventId().toString()));
            case MINE -> {
                Uni<Void> run = applied.get() ? Uni.createFrom().voidItem()
                        : Uni.createFrom().deferred(() -> effect.apply(event))
                                .invoke(() -> applied.set(true))
                                .onFailure().call(failure -> release(key, token));
                yield run.flatMap(done -> markDone(key, token, consumer, event)).replaceWith(true);
            }
        });
    }

    private Uni<Claim> claim(String key, String token, String consumer, EventEnvelope event, boolean again) {
        Date now = new Date();
        Document marker = new Document("_id", key)
                .append("consumer", consumer)
                .append("eventId", event.eventId().toString())
                .append("type", event.type())
                .append("state", IN_PROGRESS)
                .append("token", token)
                .append("claimedAt", now)
                .append("leaseUntil", leaseFrom(now));
        return processed().insertOne(marker).replaceWith(Claim.MINE)
                .onFailure(MongoErrors::isDuplicateKey).recoverWithUni(() -> processed()
                        .find(Filters.eq("_id", key)).collect().first()
                        .flatMap(existing -> {
                            if (existing == null) {
                                // Released between our insert and our read: claim again, once.
                                return again ? claim(key, token, consumer, event, false)
                                        : Uni.createFrom().item(Claim.HELD_ELSEWHERE);
                            }
                            // Markers written before claims existed have no state: they are done.
                            if (!IN_PROGRESS.equals(existing.getString("state"))) {
                                return Uni.createFrom().item(Claim.DONE);
                            }
                            if (token.equals(existing.getString("token"))) {
                                return Uni.createFrom().item(Claim.MINE);
                            }
                            Date leaseUntil = existing.getDate("leaseUntil");
                            if (leaseUntil != null && leaseUntil.after(now)) {
                                return Uni.createFrom().item(Claim.HELD_ELSEWHERE);
                            }
                            // The owner's lease ran out (it crashed or hung): take over, unless someone else just did.
                            Log.infof("%s takes over event %s from an expired claim", consumer, event.eventId());
                            return processed().updateOne(
                                    Filters.and(Filters.eq("_id", key), Filters.eq("state", IN_PROGRESS),
                                            Filters.eq("token", existing.getString("token"))),
                                    Updates.combine(Updates.set("token", token), Updates.set("claimedAt", now),
                                            Updates.set("leaseUntil", leaseFrom(now))))
                                    .map(result -> result.getModifiedCount() == 1 ? Claim.MINE
                                            : Claim.HELD_ELSEWHERE);
                        }));
    }

    private Uni<Void> markDone(String key, String token, String consumer, EventEnvelope event) {
        return processed().updateOne(Filters.and(Filters.eq("_id", key), Filters.eq("token", token)),
                Updates.combine(Updates.set("state", DONE), Updates.set("processedAt", new Date()),
                        Updates.unset("leaseUntil")))
                .invoke(result -> {
                    if (result.getMatchedCount() == 0) {
                        Log.warnf("%s applied %s %s after its claim had expired; another delivery may have applied "
                                + "it too", consumer, event.type(), event.eventId());
                    }
                })
                .replaceWithVoid();
    }

    /** Gives the claim up after a failed effect, so that a retry or a later delivery can run it. */
    private Uni<Void> release(String key, String token) {
        return processed().deleteOne(Filters.and(Filters.eq("_id", key), Filters.eq("token", token),
                Filters.eq("state", IN_PROGRESS)))
                .onFailure().invoke(failure -> Log.warnf("Could not release the claim %s: %s", key,
                        failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Date leaseFrom(Date now) {
        Duration lease = config.claimLease();
        return new Date(now.getTime() + lease.toMillis());
    }

    private ReactiveMongoCollection<Document> processed() {
        return mongo.getDatabase(database).getCollection(COLLECTION);
    }
}
