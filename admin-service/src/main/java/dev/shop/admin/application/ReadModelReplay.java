package dev.shop.admin.application;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

import dev.shop.admin.config.AdminConfig;
import dev.shop.admin.messaging.TopicReplayReader;
import dev.shop.admin.persistence.ReadModelCollections;
import dev.shop.admin.persistence.ReplayStates;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.kit.problem.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Rebuilds a read model from its topics, from the beginning, while the live consumers keep running:
 * <ol>
 * <li>the model is claimed ({@code replays} document; another replay of it is a 409);</li>
 * <li>a fresh consumer reads every topic of the model from the beginning to its current end into an empty shadow
 * collection;</li>
 * <li>the shadow replaces the live collection in one rename, so readers never see a half-built model;</li>
 * <li>a second pass reads from where the first stopped to the new end into the live collection: events the live
 * consumer wrote into the old collection just before the swap are applied again.</li>
 * </ol>
 * Every projection is idempotent and order-safe, so events applied by both the replay and the live consumer, in any
 * order, end in the same state. Records that are not readable events are counted as skipped (the live consumer sent
 * them to its dead-letter topic).
 */
@ApplicationScoped
public class ReadModelReplay {

    /** How a replay went, or is going. */
    public record Status(String readModel, String state, String replayId, String requestedBy, Instant startedAt,
            Instant finishedAt, long applied, long skipped, String detail) {
    }

    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

    private final Instance<Projection> projections;
    private final ReadModelCollections collections;
    private final ReplayStates states;
    private final TopicReplayReader reader;
    private final AuditedCommands commands;
    private final AuditValues values;
    private final AdminConfig.Replay config;

    public ReadModelReplay(Instance<Projection> projections, ReadModelCollections collections, ReplayStates states,
            TopicReplayReader reader, AuditedCommands commands, AuditValues values, AdminConfig config) {
        this.projections = projections;
        this.collections = collections;
        this.states = states;
        this.reader = reader;
        this.commands = commands;
        this.values = values;
        this.config = config.replay();
    }

    /**
     * Starts rebuilding {@code model} in the background (audited).
     *
     * @throws ProblemException 409 when a replay of it is already running
     */
    public Uni<Status> start(AdminCaller caller, ReadModel model) {
        String replayId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        return commands.local(caller,
                new AuditedCommands.Command("readmodel.replay", "read-model", model.pathName(), null,
                        values.of(Map.of("topics", model.topics()))),
                () -> states.claim(model.pathName(), replayId, caller.id(), now, now.plus(config.lease()))
                        .flatMap(claimed -> {
                            if (!claimed) {
                                return Uni.createFrom().failure(ProblemException.conflict(
                                        "A replay of " + model.pathName() + " is already running"));
                            }
                            Infrastructure.getDefaultWorkerPool().execute(() -> run(model, replayId));
                            return status(model).map(Optional::get);
                        }),
                202, status -> values.of(Map.of("replayId", replayId, "state", ReplayStates.RUNNING)));
    }

    /** The last replay of {@code model}, if there was one. */
    public Uni<Optional<Status>> status(ReadModel model) {
        return states.find(model.pathName()).map(found -> found
                .filter(d -> d.getString("replayId") != null)
                .map(d -> new Status(model.pathName(), d.getString("state"), d.getString("replayId"),
                        d.getString("requestedBy"), instant(d, "startedAt"), instant(d, "finishedAt"),
                        number(d, "applied"), number(d, "skipped"), d.getString("detail"))));
    }

    /** The replay itself, on a worker thread. */
    void run(ReadModel model, String replayId) {
        Projection projection = projection(model);
        AtomicLong applied = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        Runnable heartbeat = () -> states.progress(model.pathName(), replayId, applied.get(), skipped.get(),
                Instant.now().plus(config.lease())).await().atMost(APPLY_TIMEOUT);
        try {
            String shadow = model.shadowCollection();
            collections.drop(shadow).await().atMost(APPLY_TIMEOUT);
            collections.createIndexes(model.collection(), shadow).await().atMost(APPLY_TIMEOUT);
            ReactiveMongoCollection<Document> shadowCollection = collections.collection(shadow);
            Map<TopicPartition, Long> reached = reader.read(model.topics(), Map.of(),
                    record -> apply(projection, record, shadowCollection, applied, skipped), heartbeat,
                    config.pollTimeout());
            collections.swap(shadow, model.collection()).await().atMost(APPLY_TIMEOUT);
            ReactiveMongoCollection<Document> live = collections.collection(model.collection());
            reader.read(model.topics(), reached, record -> apply(projection, record, live, applied, skipped),
                    heartbeat, config.pollTimeout());
            states.finish(model.pathName(), replayId, ReplayStates.DONE, applied.get(), skipped.get(), null,
                    Instant.now()).await().atMost(APPLY_TIMEOUT);
            Log.infof("Replay %s of %s done: %d events applied, %d skipped", replayId, model.pathName(),
                    applied.get(), skipped.get());
        } catch (RuntimeException e) {
            Log.errorf(e, "Replay %s of %s failed", replayId, model.pathName());
            states.finish(model.pathName(), replayId, ReplayStates.FAILED, applied.get(), skipped.get(),
                    "The replay failed: " + e.getClass().getSimpleName(), Instant.now())
                    .await().atMost(APPLY_TIMEOUT);
        }
    }

    private static void apply(Projection projection, ConsumerRecord<String, String> record,
            ReactiveMongoCollection<Document> target, AtomicLong applied, AtomicLong skipped) {
        try {
            EventEnvelope event = EventJson.read(record.value());
            projection.apply(event, target).await().atMost(APPLY_TIMEOUT);
            applied.incrementAndGet();
        } catch (EventJson.MalformedEventException e) {
            skipped.incrementAndGet();
        }
    }

    private Projection projection(ReadModel model) {
        return projections.stream().filter(p -> p.model() == model).findFirst()
                .orElseThrow(() -> new IllegalStateException("no projection of " + model));
    }

    private static Instant instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private static long number(Document d, String field) {
        Object value = d.get(field);
        return value instanceof Number n ? n.longValue() : 0;
    }

    /** Every read model, for listing. */
    public static List<ReadModel> models() {
        return List.of(ReadModel.values());
    }
}
