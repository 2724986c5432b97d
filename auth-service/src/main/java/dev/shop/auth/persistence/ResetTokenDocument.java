package dev.shop.auth.persistence;

import java.time.Instant;

import org.bson.codecs.pojo.annotations.BsonId;

import io.quarkus.mongodb.panache.common.MongoEntity;

/** A password-reset token, stored as its SHA-256; single use, short-lived. */
@MongoEntity(collection = ResetTokenDocument.COLLECTION)
public class ResetTokenDocument {

    public static final String COLLECTION = "reset_tokens";

    @BsonId
    public String id;
    public String userId;
    public Instant createdAt;
    public Instant expiresAt;
    public Instant usedAt;
}
