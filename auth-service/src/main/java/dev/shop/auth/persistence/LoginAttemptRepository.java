package dev.shop.auth.persistence;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Password sign-in attempts per phone number and window ({@code login_attempts}): an attempt is taken before the
 * password is checked, so parallel guesses cannot exceed the limit either; a successful sign-in clears the window.
 */
@ApplicationScoped
public class LoginAttemptRepository {

    static final String COLLECTION = "login_attempts";

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

    public Uni<Void> clear(String key) {
        return counters.reset(key);
    }
}
