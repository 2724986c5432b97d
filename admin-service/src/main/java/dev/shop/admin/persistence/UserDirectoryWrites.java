package dev.shop.admin.persistence;

import static dev.shop.admin.persistence.ProjectionWrites.EPOCH;
import static dev.shop.admin.persistence.ProjectionWrites.date;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Updates;

import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * Writes of the user directory. Identity events carry no version, so each group of fields (profile, status, roles) is
 * guarded by the time of the event that last set it.
 */
public final class UserDirectoryWrites {

    private UserDirectoryWrites() {
    }

    public static Uni<Void> ensure(ReactiveMongoCollection<Document> target, String userId) {
        return ProjectionWrites.ensure(target, userId,
                new Document("profileAt", EPOCH).append("statusAt", EPOCH).append("rolesAt", EPOCH));
    }

    /** What never changes about an account: its phone number, how and when it was created. */
    public static Uni<Void> registration(ReactiveMongoCollection<Document> target, String userId, String phoneNumber,
            String method, Instant registeredAt, String registeredDay) {
        return ProjectionWrites.setFacts(target, userId, Updates.combine(Updates.set("phoneNumber", phoneNumber),
                Updates.set("method", method), Updates.set("registeredAt", date(registeredAt)),
                Updates.set("registeredDay", registeredDay)));
    }

    /** The profile as of {@code at}; {@code email} is left alone when {@code withEmail} is false. */
    public static Uni<Boolean> profile(ReactiveMongoCollection<Document> target, String userId, Instant at,
            String username, String fullName, boolean withEmail, String email) {
        List<Bson> sets = new ArrayList<>(List.of(Updates.set("username", username), Updates.set("fullName", fullName)));
        if (withEmail) {
            sets.add(Updates.set("email", email));
        }
        return ProjectionWrites.setIfNewer(target, userId, "profileAt", date(at), Updates.combine(sets));
    }

    public static Uni<Boolean> active(ReactiveMongoCollection<Document> target, String userId, Instant at) {
        return ProjectionWrites.setIfNewer(target, userId, "statusAt", date(at), Updates.combine(
                Updates.set("status", "ACTIVE"), Updates.unset("blockedBy"), Updates.unset("blockReason"),
                Updates.unset("blockedAt")));
    }

    public static Uni<Boolean> blocked(ReactiveMongoCollection<Document> target, String userId, Instant at,
            String blockedBy, String reason) {
        return ProjectionWrites.setIfNewer(target, userId, "statusAt", date(at), Updates.combine(
                Updates.set("status", "BLOCKED"), Updates.set("blockedBy", blockedBy),
                Updates.set("blockReason", reason), Updates.set("blockedAt", date(at))));
    }

    public static Uni<Boolean> roles(ReactiveMongoCollection<Document> target, String userId, Instant at,
            List<String> roles) {
        return ProjectionWrites.setIfNewer(target, userId, "rolesAt", date(at),
                Updates.set("roles", roles == null ? List.of() : List.copyOf(roles)));
    }
}
