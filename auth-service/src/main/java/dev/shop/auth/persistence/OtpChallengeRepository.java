package dev.shop.auth.persistence;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import dev.shop.kit.mongo.MongoErrors;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * OTP challenges and the hourly send counters ({@code otp_send_counters}, one document per phone, number block or client
 * address and hour). Every
 * claim is a single conditional update, so concurrent requests cannot exceed a limit.
 */
@ApplicationScoped
public class OtpChallengeRepository implements ReactivePanacheMongoRepositoryBase<OtpChallengeDocument, String> {

    static final String COUNTERS = "otp_send_counters";

    void indexes(@Observes StartupEvent startup) {
        dev.shop.auth.persistence.Indexes.create(mongoCollection(), Indexes.ascending("purgeAt"),
                new IndexOptions().name("ttl").expireAfter(0L, TimeUnit.SECONDS));
        dev.shop.auth.persistence.Indexes.create(counters(), Indexes.ascending("expiresAt"),
                new IndexOptions().name("ttl").expireAfter(0L, TimeUnit.SECONDS));
    }

    /**
     * Claims the right to send a code now: sets {@code cooldownUntil} if the previous cooldown is over. When it is not,
     * the filter misses, the upsert collides with the existing {@code _id}, and the claim fails.
     *
     * @return true when claimed
     */
    public Uni<Boolean> claimCooldown(String id, String e164, String purpose, Instant now, Instant until) {
        return mongoCollection().updateOne(
                Filters.and(Filters.eq("_id", id), Filters.lte("cooldownUntil", now)),
                Updates.combine(Updates.set("cooldownUntil", until), Updates.set("phoneNumber", e164),
                        Updates.set("purpose", purpose), Updates.set("purgeAt", until.plusSeconds(86_400))),
                new UpdateOptions().upsert(true))
                .replaceWith(true)
                .onFailure(OtpChallengeRepository::isDuplicateKey).recoverWithItem(false);
    }

    /** Gives a claimed cooldown back (the code could not be sent). */
    public Uni<Void> releaseCooldown(String id, Instant claimedUntil, Instant now) {
        return mongoCollection().updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("cooldownUntil", claimedUntil)),
                Updates.set("cooldownUntil", now)).replaceWithVoid();
    }

    /**
     * Records a code that was sent: a fresh code with no attempts, replacing any earlier one of the challenge (created
     * when it is the first, as for a registration).
     */
    public Uni<Void> codeSent(String id, String e164, String purpose, String codeHash, boolean providerChecked,
            String channel, Instant now, Instant expiresAt) {
        return mongoCollection().updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("codeHash", codeHash),
                Updates.set("providerChecked", providerChecked),
                Updates.set("channel", channel),
                Updates.set("sentAt", now),
                Updates.set("expiresAt", expiresAt),
                Updates.set("attempts", 0),
                Updates.set("consumedAt", null),
                Updates.setOnInsert("phoneNumber", e164),
                Updates.setOnInsert("purpose", purpose),
                Updates.max("purgeAt", expiresAt.plusSeconds(86_400))),
                new UpdateOptions().upsert(true)).replaceWithVoid();
    }

    /** Stores what a registration chose (username, password hash) in its own challenge, before its code is sent. */
    public Uni<Void> registration(String id, String e164, String purpose, String username, String passwordHash,
            Instant now) {
        return mongoCollection().updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("phoneNumber", e164),
                Updates.set("purpose", purpose),
                Updates.set("username", username),
                Updates.set("passwordHash", passwordHash),
                Updates.set("purgeAt", now.plusSeconds(86_400))),
                new UpdateOptions().upsert(true)).replaceWithVoid();
    }

    /**
     * Counts one verification attempt of the code sent at {@code sentAt}, if it is still live and below the cap.
     *
     * @return true when the attempt may go ahead
     */
    public Uni<Boolean> claimAttempt(String id, Instant sentAt, int maxAttempts) {
        return mongoCollection().updateOne(
                Filters.and(Filters.eq("_id", id), Filters.eq("sentAt", sentAt), Filters.lt("attempts", maxAttempts),
                        Filters.eq("consumedAt", null)),
                Updates.inc("attempts", 1)).map(r -> r.getModifiedCount() == 1);
    }

    /** Gives an attempt back (the provider could not check the code). */
    public Uni<Void> releaseAttempt(String id, Instant sentAt) {
        return mongoCollection().updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("sentAt", sentAt)),
                Updates.inc("attempts", -1)).replaceWithVoid();
    }

    /**
     * Uses up the code: it can never verify again.
     *
     * @return true when this call consumed it
     */
    public Uni<Boolean> consume(String id, Instant sentAt, Instant now) {
        return mongoCollection().updateOne(
                Filters.and(Filters.eq("_id", id), Filters.eq("sentAt", sentAt), Filters.eq("consumedAt", null)),
                Updates.combine(Updates.set("consumedAt", now), Updates.set("codeHash", null)))
                .map(r -> r.getModifiedCount() == 1);
    }

    /**
     * Takes one send from the budget {@code key} (a phone, a number block or a client address in one hour window)
     * unless it is used up.
     *
     * @return true when taken
     */
    public Uni<Boolean> takeFromBudget(String key, int limit, Instant windowEnd) {
        return new BudgetCounters(counters()).take(key, limit, windowEnd);
    }

    public Uni<Void> giveBackToBudget(String key) {
        return new BudgetCounters(counters()).giveBack(key);
    }

    private ReactiveMongoCollection<Document> counters() {
        return mongoDatabase().getCollection(COUNTERS);
    }

    private static boolean isDuplicateKey(Throwable failure) {
        return MongoErrors.isDuplicateKey(failure);
    }
}
