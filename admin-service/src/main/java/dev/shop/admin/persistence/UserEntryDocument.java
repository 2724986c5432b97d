package dev.shop.admin.persistence;

import java.time.Instant;
import java.util.List;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * One account in the user directory (read model of {@code shop.identity.users.v1}). Each group of fields carries the
 * time of the event that last set it ({@code profileAt}, {@code statusAt}, {@code rolesAt}); an older event never
 * overwrites a newer one.
 */
@MongoEntity(collection = ReadModelCollections.USERS)
public class UserEntryDocument {
    public String id;
    public String phoneNumber;
    public String username;
    public String fullName;
    public String email;
    public List<String> roles;
    public String status;
    public String method;
    public Instant registeredAt;
    public String registeredDay;
    public String blockedBy;
    public String blockReason;
    public Instant blockedAt;
    public Instant profileAt;
    public Instant statusAt;
    public Instant rolesAt;
}
