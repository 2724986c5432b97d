package dev.shop.auth.persistence;

import java.time.Instant;

import org.bson.codecs.pojo.annotations.BsonId;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * The current one-time code of one phone for one purpose ({@code _id = purpose:phone}), or of one registration
 * ({@code _id = registration:<id>}, which also holds the username and password hash chosen with it; the cooldown of
 * registrations stays per phone in {@code register:<phone>}). Only a keyed hash of the code is stored; a provider that checks
 * codes itself (Twilio Verify) leaves it empty. Attempts, expiry and the resend
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
    /** A registration's chosen username (registration challenges only). */
    public String username;
    /** A registration's chosen password, hashed (registration challenges only; null for an existing account). */
    public String passwordHash;

    public static String key(String purpose, String e164) {
        return purpose + ":" + e164;
    }

    /** The challenge of one registration: its own code, bound to the password chosen with it. */
    public static String registrationKey(String registrationId) {
        return "registration:" + registrationId;
    }
}
