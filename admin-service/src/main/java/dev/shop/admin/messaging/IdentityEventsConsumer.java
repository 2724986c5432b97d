package dev.shop.admin.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.shop.admin.application.SecurityAudit;
import dev.shop.admin.application.UserDirectory;
import dev.shop.kit.messaging.IdempotentConsumer;
import io.smallrye.mutiny.Uni;

/**
 * auth-service's events: accounts update the user directory, and blocks, role changes, locked sign-ins and session
 * revocations go into the audit log. Unreadable or persistently failing events go to
 * {@code shop.dlq.admin-service.identity-users} and
 * {@code shop.dlq.admin-service.identity-sessions}.
 */
@ApplicationScoped
public class IdentityEventsConsumer {

    public static final String USERS_CHANNEL = "identity-users";
    public static final String SESSIONS_CHANNEL = "identity-sessions";
    public static final String USERS_CONSUMER = "admin-identity-users";
    public static final String SESSIONS_CONSUMER = "admin-identity-sessions";

    private final IdempotentConsumer consumer;
    private final UserDirectory directory;
    private final SecurityAudit security;

    public IdentityEventsConsumer(IdempotentConsumer consumer, UserDirectory directory, SecurityAudit security) {
        this.consumer = consumer;
        this.directory = directory;
        this.security = security;
    }

    @Incoming(USERS_CHANNEL)
    public Uni<Void> onUserEvent(String value) {
        return consumer.consume(USERS_CONSUMER, value, event -> Effects.retried(
                () -> directory.apply(event).flatMap(applied -> security.onUserEvent(event))))
                .replaceWithVoid();
    }

    @Incoming(SESSIONS_CHANNEL)
    public Uni<Void> onSessionEvent(String value) {
        return consumer.consume(SESSIONS_CONSUMER, value, event -> Effects.retried(
                () -> security.onSessionEvent(event)))
                .replaceWithVoid();
    }
}
