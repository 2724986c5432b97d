package dev.shop.auth.application;

import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.auth.domain.User;
import dev.shop.auth.persistence.UserDocument;
import dev.shop.auth.persistence.UserMapper;
import dev.shop.auth.persistence.UserRepository;
import dev.shop.kit.outbox.OutboxEvent;
import dev.shop.kit.outbox.OutboxRelay;
import dev.shop.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Runs a command on an account: read, let the aggregate decide (it throws on an illegal transition), write the change
 * and its events in one conditional update on {@code version}; a lost race re-reads and tries again, a few times.
 */
@ApplicationScoped
public class UserChanges {

    private static final int ATTEMPTS = 3;

    private final UserRepository users;
    private final IdentityOutbox outbox;
    private final OutboxRelay relay;

    public UserChanges(UserRepository users, IdentityOutbox outbox, OutboxRelay relay) {
        this.users = users;
        this.outbox = outbox;
        this.relay = relay;
    }

    /**
     * @param command changes the aggregate and returns the event payloads it produced
     * @return the account after the change
     * @throws ProblemException 404 when there is no such account, 409 when it keeps changing under us
     */
    public Uni<User> modify(String userId, Function<User, List<?>> command) {
        return attempt(userId, command, ATTEMPTS);
    }

    public Uni<User> load(String userId) {
        return users.findByHexId(userId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No user " + userId))
                .map(UserMapper::toDomain);
    }

    /** Inserts a new account with its events. */
    public Uni<User> insert(User user, List<?> events) {
        UserDocument doc = UserMapper.toNewDocument(user);
        for (Object event : events) {
            doc.outbox.add(outbox.user(user.id(), event));
        }
        return users.persist(doc).invoke(() -> relay.publishSoon(UserDocument.COLLECTION, doc.id)).replaceWith(user);
    }

    private Uni<User> attempt(String userId, Function<User, List<?>> command, int left) {
        return load(userId).flatMap(user -> {
            List<?> payloads = command.apply(user);
            List<OutboxEvent> events = payloads.stream().map(p -> outbox.user(user.id(), p)).toList();
            return users.save(user, events).flatMap(saved -> {
                if (saved) {
                    if (!events.isEmpty()) {
                        relay.publishSoon(UserDocument.COLLECTION, new org.bson.types.ObjectId(user.id()));
                    }
                    return Uni.createFrom().item(user);
                }
                if (left > 1) {
                    return attempt(userId, command, left - 1);
                }
                return Uni.createFrom().failure(
                        ProblemException.conflict("The account was changed concurrently; try again"));
            });
        });
    }
}
