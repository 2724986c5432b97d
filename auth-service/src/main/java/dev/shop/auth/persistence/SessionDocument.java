package dev.shop.auth.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.codecs.pojo.annotations.BsonId;

import dev.shop.kit.outbox.OutboxEvent;
import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * A login session: one refresh-token family (RFC 9700). Its id is the {@code sid} claim of the access tokens issued
 * for it; its revocation event waits in {@link #outbox}.
 */
@MongoEntity(collection = SessionDocument.COLLECTION)
public class SessionDocument {

    public static final String COLLECTION = "sessions";

    @BsonId
    public String id;
    public String userId;
    public Instant createdAt;
    public Instant lastRefreshedAt;
    /** Absolute end of the session, however often it is refreshed. */
    public Instant expiresAt;
    /** Expiry of the latest access token issued for the session. */
    public Instant accessTokensValidUntil;
    /**
     * How many times the session was refreshed: the refresh token of generation {@code refreshGeneration} is the live
     * one. Refresh and revocation are conditional updates of this one document, so they cannot both win.
     */
    public long refreshGeneration;
    /** When the last refresh happened (start of the grace period for the token it used up). */
    public Instant rotatedAt;
    public Instant revokedAt;
    public String revokeReason;
    public List<OutboxEvent> outbox = new ArrayList<>();
}
