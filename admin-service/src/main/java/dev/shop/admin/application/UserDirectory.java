package dev.shop.admin.application;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import dev.shop.admin.config.AdminConfig;
import dev.shop.admin.domain.DayWindow;
import dev.shop.admin.domain.UserCriteria;
import dev.shop.admin.persistence.ReadModelCollections;
import dev.shop.admin.persistence.UserDirectoryRepository;
import dev.shop.admin.persistence.UserDirectoryWrites;
import dev.shop.admin.persistence.UserEntryDocument;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.identity.UserBlocked;
import dev.shop.contracts.identity.UserRegistered;
import dev.shop.contracts.identity.UserRoleChanged;
import dev.shop.contracts.identity.UserUnblocked;
import dev.shop.contracts.identity.UserUpdated;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageRequest;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;

/**
 * The user directory: every account as auth-service's events describe it, searchable by phone, name, role and status.
 * Ordered by the time of each event per group of fields (identity events carry no version).
 */
@ApplicationScoped
public class UserDirectory implements Projection {

    private final UserDirectoryRepository users;
    private final ReadModelCollections collections;
    private final ZoneId zone;

    public UserDirectory(UserDirectoryRepository users, ReadModelCollections collections, AdminConfig config) {
        this.users = users;
        this.collections = collections;
        this.zone = config.zone();
    }

    @Override
    public ReadModel model() {
        return ReadModel.USERS;
    }

    /** Applies an event to the live directory. */
    public Uni<Void> apply(EventEnvelope event) {
        return apply(event, collections.collection(ReadModelCollections.USERS));
    }

    @Override
    public Uni<Void> apply(EventEnvelope event, ReactiveMongoCollection<Document> target) {
        String userId = event.aggregateId();
        Instant at = event.occurredAt();
        return switch (event.type()) {
            case UserRegistered.TYPE -> {
                UserRegistered r = EventJson.dataAs(event, UserRegistered.class);
                Instant registeredAt = r.registeredAt() == null ? at : r.registeredAt();
                yield UserDirectoryWrites.ensure(target, userId)
                        .flatMap(ok -> UserDirectoryWrites.registration(target, userId, r.phoneNumber(), r.method(),
                                registeredAt, DayWindow.dayOf(registeredAt, zone)))
                        .flatMap(ok -> UserDirectoryWrites.profile(target, userId, at, r.username(), r.fullName(), false,
                                null))
                        .flatMap(ok -> UserDirectoryWrites.active(target, userId, at))
                        .flatMap(ok -> UserDirectoryWrites.roles(target, userId, at, r.roles()))
                        .replaceWithVoid();
            }
            case UserUpdated.TYPE -> {
                UserUpdated u = EventJson.dataAs(event, UserUpdated.class);
                yield UserDirectoryWrites.ensure(target, userId)
                        .flatMap(ok -> UserDirectoryWrites.profile(target, userId, at, u.username(), u.fullName(), true,
                                u.email()))
                        .replaceWithVoid();
            }
            case UserBlocked.TYPE -> {
                UserBlocked b = EventJson.dataAs(event, UserBlocked.class);
                yield UserDirectoryWrites.ensure(target, userId)
                        .flatMap(ok -> UserDirectoryWrites.blocked(target, userId, at, b.blockedBy(), b.reason()))
                        .replaceWithVoid();
            }
            case UserUnblocked.TYPE -> UserDirectoryWrites.ensure(target, userId)
                    .flatMap(ok -> UserDirectoryWrites.active(target, userId, at))
                    .replaceWithVoid();
            case UserRoleChanged.TYPE -> {
                UserRoleChanged c = EventJson.dataAs(event, UserRoleChanged.class);
                yield UserDirectoryWrites.ensure(target, userId)
                        .flatMap(ok -> UserDirectoryWrites.roles(target, userId, at, c.roles()))
                        .replaceWithVoid();
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    public Uni<Page<UserEntryDocument>> search(UserCriteria criteria, PageRequest page) {
        return users.search(criteria, page);
    }

    public Uni<Optional<UserEntryDocument>> find(String userId) {
        return users.findByIdOptional(userId);
    }

    /** The phone number of an account, when the directory knows it. */
    public Uni<String> phoneOf(String userId) {
        return userId == null ? Uni.createFrom().nullItem()
                : find(userId).map(found -> found.map(u -> u.phoneNumber).orElse(null));
    }
}
