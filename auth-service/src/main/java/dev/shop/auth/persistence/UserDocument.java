package dev.shop.auth.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.types.ObjectId;

import dev.shop.kit.outbox.OutboxEvent;
import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * An account in {@code shop_auth.users}. The pending events of the account live in {@link #outbox} and are written by
 * the same update as the change that produced them (docs/architecture.md). Updates use targeted operators, never a whole
 * replacement, so the relay's removal of published events is never undone.
 */
@MongoEntity(collection = UserDocument.COLLECTION)
public class UserDocument {

    public static final String COLLECTION = "users";

    public ObjectId id;
    /** E.164; unique. */
    public String phoneNumber;
    public String username;
    /** Argon2id PHC string; absent for accounts that only ever logged in by OTP. */
    public String passwordHash;
    public String fullName;
    public String email;
    public List<String> roles = new ArrayList<>();
    public String status;
    public Instant createdAt;
    public Instant updatedAt;
    /** Sessions created before this instant are dead (password reset, block). */
    public Instant sessionsRevokedAt;
    public List<AddressDocument> addresses = new ArrayList<>();
    public long version;
    public List<OutboxEvent> outbox = new ArrayList<>();
}
