package dev.shop.auth.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import dev.shop.auth.domain.User;
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
     * Writes the changes a command made to {@code user} together with the events it produced, if nobody changed the
     * account since it was read (optimistic concurrency on {@code version}).
     *
     * @return false when the version moved on (the caller re-reads and retries)
     */
    public Uni<Boolean> save(User user, List<OutboxEvent> events) {
        Bson filter = Filters.and(Filters.eq("_id", new ObjectId(user.id())), Filters.eq("version", user.version()));
        Bson update = Updates.combine(UserMapper.setMutable(user), Updates.inc("version", 1L),
                Updates.pushEach(OutboxEvent.FIELD, events));
        return mongoCollection().updateOne(filter, update).map(r -> r.getMatchedCount() == 1);
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
