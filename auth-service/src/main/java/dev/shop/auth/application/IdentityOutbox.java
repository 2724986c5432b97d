package dev.shop.auth.application;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.contracts.identity.SessionRevoked;
import dev.shop.kit.outbox.Outbox;
import dev.shop.kit.outbox.OutboxEvent;

/**
 * Outbox events of sessions, which are not an aggregate of the kit's store (their revocation is one conditional write
 * of the session document). Account events go through {@link UserChanges}; both are named and routed by the payload's
 * {@code @EventContract}.
 */
@ApplicationScoped
public class IdentityOutbox {

    private final Outbox outbox;

    public IdentityOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    /** An event of {@code shop.identity.sessions.v1}, keyed by the session id. */
    public OutboxEvent session(SessionRevoked payload) {
        return outbox.event(payload.sessionId(), payload);
    }
}
