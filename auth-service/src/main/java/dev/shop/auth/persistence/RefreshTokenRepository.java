package dev.shop.auth.persistence;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import dev.shop.kit.mongo.MongoErrors;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/** Refresh tokens by hash. */
@ApplicationScoped
public class RefreshTokenRepository implements ReactivePanacheMongoRepositoryBase<RefreshTokenDocument, String> {

    void indexes(@Observes StartupEvent startup) {
        dev.shop.auth.persistence.Indexes.create(mongoCollection(), Indexes.ascending("sessionId"),
                new IndexOptions().name("session"));
        // Rotated tokens are kept until they would have expired, so a late replay is still recognised as reuse.
        dev.shop.auth.persistence.Indexes.create(mongoCollection(), Indexes.ascending("expiresAt"),
                new IndexOptions().name("ttl").expireAfter(1L, TimeUnit.DAYS));
    }

    /** Marks a token used (the session has moved past its generation). */
    public Uni<Void> markRotated(String hash, Instant now) {
        return mongoCollection().updateOne(Filters.and(Filters.eq("_id", hash), Filters.eq("rotatedAt", null)),
                Updates.set("rotatedAt", now))
                .replaceWithVoid();
    }

    /** Stores a successor; the same successor stored twice (two refreshes racing with one token) is one token. */
    public Uni<Void> store(RefreshTokenDocument token) {
        return persist(token).replaceWithVoid()
                .onFailure(MongoErrors::isDuplicateKey).recoverWithNull();
    }
}
