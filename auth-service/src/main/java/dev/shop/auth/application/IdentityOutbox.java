package dev.shop.auth.application;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.contracts.identity.SessionRevoked;
import dev.shop.contracts.identity.SignInLocked;
import dev.shop.kit.outbox.Outbox;
import dev.shop.kit.outbox.OutboxEvent;

/**
 * Outbox events of sessions and of sign-in windows, which are not aggregates of the kit's store (a revocation is one
 * conditional write of the session document, a lock one of the window's counter). Account events go through
 * {@link UserChanges}; all are named and routed by the payload's {@code @EventContract}.
 */
@ApplicationScoped
public class IdentityOutbox {

    private final Outbox outbox;

    public IdentityOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    /** A locked password sign-in, on {@code shop.identity.users.v1} keyed by the account's id. */
    public OutboxEvent signInLocked(SignInLocked payload) {
        return outbox.event(payload.userId(), payload);
    }

    /** An event of {@code shop.identity.sessions.v1}, keyed by the session id. */
    public OutboxEvent session(SessionRevoked payload) {
        return outbox.event(payload.sessionId(), payload);
    }
}
