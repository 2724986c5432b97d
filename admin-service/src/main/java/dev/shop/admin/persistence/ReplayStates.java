package dev.shop.admin.persistence;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.shop.kit.mongo.MongoErrors;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * One document per read model ({@code replays}) saying whether a replay runs and how the last one went. It is also the
 * lock: a replay starts only by moving the document to {@code RUNNING} with a conditional update, so two instances
 * never rebuild the same model at once; a lease lets another instance take over from one that died.
 */
@ApplicationScoped
public class ReplayStates {

    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    private final ReactiveMongoClient mongo;
    private final String database;

    public ReplayStates(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.mongo = mongo;
        this.database = database;
    }

    /** Takes the read model for replay {@code replayId}; false when another replay holds it. */
    public Uni<Boolean> claim(String model, String replayId, String requestedBy, Instant now, Instant leaseUntil) {
        return states().insertOne(new Document("_id", model).append("state", "IDLE"))
                .replaceWithVoid()
                .onFailure(MongoErrors::isDuplicateKey).recoverWithNull()
                .flatMap(created -> states().updateOne(
                        Filters.and(Filters.eq("_id", model), Filters.or(Filters.ne("state", RUNNING),
                                Filters.lt("leaseUntil", Date.from(now)))),
                        Updates.combine(Updates.set("state", RUNNING), Updates.set("replayId", replayId),
                                Updates.set("requestedBy", requestedBy), Updates.set("startedAt", Date.from(now)),
                                Updates.set("leaseUntil", Date.from(leaseUntil)), Updates.unset("finishedAt"),
                                Updates.set("applied", 0L), Updates.set("skipped", 0L), Updates.unset("detail"))))
                .map(result -> result.getModifiedCount() == 1);
    }

    /** Records progress and extends the lease, as long as the replay still holds the model. */
    public Uni<Void> progress(String model, String replayId, long applied, long skipped, Instant leaseUntil) {
        return states().updateOne(Filters.and(Filters.eq("_id", model), Filters.eq("replayId", replayId)),
                Updates.combine(Updates.set("applied", applied), Updates.set("skipped", skipped),
                        Updates.set("leaseUntil", Date.from(leaseUntil))))
                .replaceWithVoid();
    }

    public Uni<Void> finish(String model, String replayId, String state, long applied, long skipped, String detail,
            Instant now) {
        return states().updateOne(Filters.and(Filters.eq("_id", model), Filters.eq("replayId", replayId)),
                Updates.combine(Updates.set("state", state), Updates.set("applied", applied),
                        Updates.set("skipped", skipped), Updates.set("detail", detail),
                        Updates.set("finishedAt", Date.from(now)), Updates.unset("leaseUntil")))
                .replaceWithVoid();
    }

    public Uni<Optional<Document>> find(String model) {
        return states().find(Filters.eq("_id", model)).collect().first().map(Optional::ofNullable);
    }

    private ReactiveMongoCollection<Document> states() {
        return mongo.getDatabase(database).getCollection("replays");
    }
}
