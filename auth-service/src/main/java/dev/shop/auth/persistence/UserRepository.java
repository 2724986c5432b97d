package dev.shop.auth.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

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

    /** One page of accounts matching {@code filter}, newest first. */
    public Uni<List<UserDocument>> page(Bson filter, int offset, int limit) {
        FindOptions options = new FindOptions().sort(Indexes.descending("createdAt")).skip(offset).limit(limit);
        return mongoCollection().find(filter, options).collect().asList();
    }

    public Uni<Long> count(Bson filter) {
        return mongoCollection().countDocuments(filter);
    }
}
