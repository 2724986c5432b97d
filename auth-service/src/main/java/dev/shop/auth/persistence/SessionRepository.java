package dev.shop.auth.persistence;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.conversions.Bson;

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

    /**
     * Moves a live session from refresh generation {@code generation} to the next, in one conditional update: it
     * fails when the session was revoked (a logout won) or another refresh already moved it.
     *
     * @return true when this call rotated it
     */
    public Uni<Boolean> rotate(String sessionId, long generation, Instant now, Instant accessTokenExpiry) {
        return mongoCollection().updateOne(
                Filters.and(Filters.eq("_id", sessionId), Filters.eq("revokedAt", null), generationIs(generation)),
                Updates.combine(Updates.set("refreshGeneration", generation + 1), Updates.set("rotatedAt", now),
                        Updates.set("lastRefreshedAt", now),
                        Updates.max("accessTokensValidUntil", accessTokenExpiry)))
                .map(r -> r.getModifiedCount() == 1);
    }

    /**
     * Records an access token issued for a live session still at {@code generation} (a refresh in the grace period),
     * so a later revocation covers it.
     *
     * @return false when the session was revoked or moved on meanwhile
     */
    public Uni<Boolean> issuedAt(String sessionId, long generation, Instant accessTokenExpiry) {
        return mongoCollection().updateOne(
                Filters.and(Filters.eq("_id", sessionId), Filters.eq("revokedAt", null), generationIs(generation)),
                Updates.max("accessTokensValidUntil", accessTokenExpiry))
                .map(r -> r.getMatchedCount() == 1);
    }

    /** Sessions stored before generations were counted have none: they are at generation 0. */
    private static Bson generationIs(long generation) {
        return generation == 0
                ? Filters.or(Filters.eq("refreshGeneration", 0L), Filters.exists("refreshGeneration", false))
                : Filters.eq("refreshGeneration", generation);
    }
}
