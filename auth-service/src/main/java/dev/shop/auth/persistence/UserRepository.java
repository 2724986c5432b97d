package dev.shop.auth.persistence;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import dev.shop.auth.domain.Roles;
import dev.shop.auth.domain.UserStatus;
import dev.shop.kit.outbox.OutboxEvent;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/** Accounts. Each method is one atomic document operation. */
@ApplicationScoped
public class UserRepository implements ReactivePanacheMongoRepositoryBase<UserDocument, ObjectId> {

    void indexes(@Observes StartupEvent startup) {
        dev.shop.auth.persistence.Indexes.create(mongoCollection(), Indexes.ascending("phoneNumber"),
                new IndexOptions().unique(true).name("phone_unique"));
        dev.shop.auth.persistence.Indexes.create(mongoCollection(), Indexes.descending("createdAt"),
                new IndexOptions().name("created"));
    }

    public Uni<UserDocument> findByPhone(String e164) {
        return find("phoneNumber", e164).firstResult();
    }

    public Uni<UserDocument> findByHexId(String id) {
        if (id == null || !ObjectId.isValid(id)) {
            return Uni.createFrom().nullItem();
        }
        return findById(new ObjectId(id));
    }

    /**
     * Stores a registration waiting for its OTP: creates the pending account, or replaces the username and password of
     * an earlier pending one. A phone that belongs to an active or blocked account makes the insert hit the unique
     * index (duplicate key → 409).
     */
    public Uni<Void> upsertPending(String e164, String username, String passwordHash, Instant now) {
        Bson filter = Filters.and(Filters.eq("phoneNumber", e164), Filters.eq("status", UserStatus.PENDING.name()));
        Bson update = Updates.combine(
                Updates.set("username", username),
                Updates.set("passwordHash", passwordHash),
                Updates.set("updatedAt", now),
                Updates.setOnInsert("_id", new ObjectId()),
                Updates.setOnInsert("roles", List.of(Roles.CUSTOMER)),
                Updates.setOnInsert("createdAt", now),
                Updates.setOnInsert("addresses", List.of()),
                Updates.setOnInsert("version", 0L),
                Updates.setOnInsert(OutboxEvent.FIELD, List.of()));
        return mongoCollection().updateOne(filter, update, new UpdateOptions().upsert(true)).replaceWithVoid();
    }

    /** One page of accounts matching {@code filter}, newest first. */
    public Uni<List<UserDocument>> page(Bson filter, int offset, int limit) {
        FindOptions options = new FindOptions().sort(Indexes.descending("createdAt")).skip(offset).limit(limit);
        return mongoCollection().find(filter, options).collect().asList();
    }

    public Uni<Long> count(Bson filter) {
        return mongoCollection().countDocuments(filter);
    }
}
