package dev.shop.auth.persistence;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

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

    /**
     * Uses the token: only the first caller succeeds, any later presentation finds it rotated.
     *
     * @return true when this call rotated it
     */
    public Uni<Boolean> rotate(String hash, Instant now) {
        return mongoCollection().updateOne(Filters.and(Filters.eq("_id", hash), Filters.eq("rotatedAt", null)),
                Updates.set("rotatedAt", now))
                .map(r -> r.getModifiedCount() == 1);
    }
}
