package dev.shop.auth.application;

import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import dev.shop.auth.domain.User;
import dev.shop.auth.persistence.UserDocument;
import dev.shop.auth.persistence.UserMapper;
import dev.shop.auth.persistence.UserRepository;
import dev.shop.kit.aggregate.AggregateStore;
import dev.shop.kit.aggregate.AggregateStores;
import dev.shop.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Runs a command on an account through the kit's aggregate store: read, let the aggregate decide (it throws on an
 * illegal transition), write the change and its events in one conditional update on {@code version}; a lost race
 * re-reads and tries again a bounded number of times, then 409.
 */
@ApplicationScoped
public class UserChanges {

    private final AggregateStore<User, UserDocument> store;

    public UserChanges(UserRepository users, AggregateStores stores) {
        this.store = stores.of(users, UserMapper.AGGREGATE);
    }

    /**
     * @param command changes the aggregate and returns the event payloads it produced
     * @return the account after the change
     * @throws ProblemException 404 when there is no such account, 409 when it keeps changing under us
     */
    public Uni<User> modify(String userId, Function<User, List<?>> command) {
        return store.modify(documentId(userId), command);
    }

    public Uni<User> load(String userId) {
        return store.load(documentId(userId));
    }

    /** Inserts a new account with its events (a duplicate phone number fails with the driver's duplicate key). */
    public Uni<User> insert(User user, List<?> events) {
        return store.insert(user, events);
    }

    private static ObjectId documentId(String userId) {
        if (userId == null || !ObjectId.isValid(userId)) {
            throw ProblemException.notFound("No user " + userId);
        }
        return new ObjectId(userId);
    }
}
