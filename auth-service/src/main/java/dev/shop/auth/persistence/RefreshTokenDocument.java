package dev.shop.auth.persistence;

import java.time.Instant;

import org.bson.codecs.pojo.annotations.BsonId;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * One refresh token, stored only as its SHA-256 (the {@code _id}, hence unique). A token is live while its
 * {@link #generation} is the session's; the refresh that uses it moves the session to the next generation (a
 * conditional update of the session) and marks it {@link #rotatedAt}. Presenting it again after the short grace period
 * is a reuse.
 */
@MongoEntity(collection = RefreshTokenDocument.COLLECTION)
public class RefreshTokenDocument {

    public static final String COLLECTION = "refresh_tokens";

    @BsonId
    public String id;
    public String sessionId;
    public String userId;
    public Instant issuedAt;
    public Instant expiresAt;
    /** The session's refresh generation this token belongs to. */
    public long generation;
    public Instant rotatedAt;
}
