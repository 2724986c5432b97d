package dev.shop.auth.persistence;

import java.time.Instant;

import org.bson.codecs.pojo.annotations.BsonId;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * One refresh token, stored only as its SHA-256 (the {@code _id}, hence unique). A token is used once: the refresh
 * that uses it sets {@link #rotatedAt} with a conditional update; presenting it again is a reuse.
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
    public Instant rotatedAt;
}
