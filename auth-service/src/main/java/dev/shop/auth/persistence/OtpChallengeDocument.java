package dev.shop.auth.persistence;

import java.time.Instant;

import org.bson.codecs.pojo.annotations.BsonId;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * The current one-time code of one phone for one purpose ({@code _id = purpose:phone}). Only a keyed hash of the code
 * is stored; a provider that checks codes itself (Twilio Verify) leaves it empty. Attempts, expiry and the resend
 * cooldown are enforced with conditional updates on this one document.
 */
@MongoEntity(collection = OtpChallengeDocument.COLLECTION)
public class OtpChallengeDocument {

    public static final String COLLECTION = "otp_challenges";

    @BsonId
    public String id;
    public String phoneNumber;
    public String purpose;
    public String codeHash;
    /** True when the provider checks the code (no hash stored). */
    public boolean providerChecked;
    public String channel;
    public Instant sentAt;
    public Instant expiresAt;
    public int attempts;
    /** No new code is sent before this instant. */
    public Instant cooldownUntil;
    public Instant consumedAt;
    /** Real MongoDB removes the document after this (TTL); the embedded server does not, code checks expiry. */
    public Instant purgeAt;

    public static String key(String purpose, String e164) {
        return purpose + ":" + e164;
    }
}
