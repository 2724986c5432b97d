package dev.shop.auth.persistence;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import dev.shop.kit.outbox.OutboxEvent;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Password sign-in attempts per phone number and window ({@code login_attempts}): an attempt is taken before the
 * password is checked, so parallel guesses cannot exceed the limit either; a successful sign-in clears the window. A
 * window that reached the limit is marked locked once, with the {@code SignInLocked} event of an account's phone in its
 * outbox.
 */
@ApplicationScoped
public class LoginAttemptRepository {

    public static final String COLLECTION = "login_attempts";

    private final ReactiveMongoCollection<Document> collection;
    private final BudgetCounters counters;

    public LoginAttemptRepository(ReactiveMongoClient client,
            @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.collection = client.getDatabase(database).getCollection(COLLECTION);
        this.counters = new BudgetCounters(collection);
    }

    void indexes(@Observes StartupEvent startup) {
        dev.shop.auth.persistence.Indexes.create(collection, Indexes.ascending("expiresAt"),
                new IndexOptions().name("ttl").expireAfter(0L, TimeUnit.SECONDS));
    }

    /** @return false when the window already holds {@code limit} attempts */
    public Uni<Boolean> take(String key, int limit, Instant windowEnd) {
        return counters.take(key, limit, windowEnd);
    }

    /**
     * Starts the window's count again. A window whose lock event still waits for the relay keeps its document (and the
     * event): only its count and lock go.
     */
    public Uni<Void> clear(String key) {
        return collection.deleteOne(Filters.and(Filters.eq("_id", key), Filters.or(
                Filters.exists(OutboxEvent.FIELD, false), Filters.size(OutboxEvent.FIELD, 0))))
                .flatMap(deleted -> deleted.getDeletedCount() == 1 ? Uni.createFrom().voidItem()
                        : collection.updateOne(Filters.eq("_id", key),
                                Updates.combine(Updates.set("count", 0), Updates.unset("lockedAt")))
                                .replaceWithVoid());
    }

    /**
     * Marks the window {@code key} locked, once, when it holds {@code limit} attempts: the first call after the limit
     * is reached sets {@code lockedAt} and stores {@code event} (when there is one) in the window document's outbox in
     * the same update; calls before the limit, and every later call, change nothing. A window with an event waiting is
     * kept until {@code keepUntil} rather than its end, so the relay can still publish it when the window ends first.
     *
     * @return true when this call locked the window
     */
    public Uni<Boolean> lock(String key, int limit, Instant now, Instant keepUntil, OutboxEvent event) {
        Bson locked = Updates.set("lockedAt", now);
        Bson update = event == null ? locked
                : Updates.combine(locked, Updates.set("expiresAt", keepUntil), Updates.push(OutboxEvent.FIELD, event));
        return collection.updateOne(Filters.and(Filters.eq("_id", key), Filters.gte("count", limit),
                Filters.exists("lockedAt", false)), update)
                .map(result -> result.getModifiedCount() == 1);
    }
}
