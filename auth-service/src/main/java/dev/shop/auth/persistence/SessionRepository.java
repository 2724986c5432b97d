package dev.shop.auth.persistence;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import dev.shop.kit.outbox.OutboxEvent;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/** Sessions (refresh-token families). */
@ApplicationScoped
public class SessionRepository implements ReactivePanacheMongoRepositoryBase<SessionDocument, String> {

    void indexes(@Observes StartupEvent startup) {
        dev.shop.auth.persistence.Indexes.create(mongoCollection(), Indexes.ascending("userId"),
                new IndexOptions().name("user"));
        // Real MongoDB drops ended sessions a day after their end; the embedded server ignores TTL, code checks expiry.
        dev.shop.auth.persistence.Indexes.create(mongoCollection(), Indexes.ascending("expiresAt"),
                new IndexOptions().name("ttl").expireAfter(1L, TimeUnit.DAYS));
    }

    public Uni<List<SessionDocument>> activeOf(String userId) {
        return mongoCollection().find(Filters.and(Filters.eq("userId", userId), Filters.eq("revokedAt", null)))
                .collect().asList();
    }

    /**
     * Marks the session revoked and stores its {@code SessionRevoked} event in the same update; a session that is
     * already revoked is left alone.
     *
     * @return true when this call revoked it
     */
    public Uni<Boolean> revoke(String sessionId, String reason, Instant now, OutboxEvent event) {
        return mongoCollection().updateOne(
                Filters.and(Filters.eq("_id", sessionId), Filters.eq("revokedAt", null)),
                Updates.combine(Updates.set("revokedAt", now), Updates.set("revokeReason", reason),
                        Updates.push(OutboxEvent.FIELD, event)))
                .map(r -> r.getModifiedCount() == 1);
    }

    public Uni<Void> refreshed(String sessionId, Instant now, Instant accessTokenExpiry) {
        return mongoCollection().updateOne(Filters.eq("_id", sessionId),
                Updates.combine(Updates.set("lastRefreshedAt", now),
                        Updates.max("accessTokensValidUntil", accessTokenExpiry)))
                .replaceWithVoid();
    }
}
