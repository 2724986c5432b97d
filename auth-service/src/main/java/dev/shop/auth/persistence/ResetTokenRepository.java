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

/** Password-reset tokens. */
@ApplicationScoped
public class ResetTokenRepository implements ReactivePanacheMongoRepositoryBase<ResetTokenDocument, String> {

    void indexes(@Observes StartupEvent startup) {
        dev.shop.auth.persistence.Indexes.create(mongoCollection(), Indexes.ascending("expiresAt"),
                new IndexOptions().name("ttl").expireAfter(1L, TimeUnit.HOURS));
    }

    /**
     * Uses the token if it is unused and unexpired; the conditional update makes it single-use under concurrency.
     *
     * @return the token's user id, or null when the token is unknown, used or expired
     */
    public Uni<String> use(String hash, Instant now) {
        return mongoCollection().updateOne(
                Filters.and(Filters.eq("_id", hash), Filters.eq("usedAt", null), Filters.gt("expiresAt", now)),
                Updates.set("usedAt", now))
                .flatMap(r -> r.getModifiedCount() == 1
                        ? findById(hash).map(t -> t.userId)
                        : Uni.createFrom().nullItem());
    }
}
