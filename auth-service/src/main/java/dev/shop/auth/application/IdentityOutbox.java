package dev.shop.auth.application;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.contracts.events.Topics;
import dev.shop.contracts.identity.IdentityEvents;
import dev.shop.contracts.identity.SessionRevoked;
import dev.shop.contracts.identity.UserBlocked;
import dev.shop.contracts.identity.UserRegistered;
import dev.shop.contracts.identity.UserRoleChanged;
import dev.shop.contracts.identity.UserUnblocked;
import dev.shop.contracts.identity.UserUpdated;
import dev.shop.kit.outbox.Outbox;
import dev.shop.kit.outbox.OutboxEvent;

/** Wraps identity payloads into outbox events for their topic, keyed by the aggregate id. */
@ApplicationScoped
public class IdentityOutbox {

    private final Outbox outbox;

    public IdentityOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    /** An event of {@code shop.identity.users.v1} about user {@code userId}. */
    public OutboxEvent user(String userId, Object payload) {
        return outbox.event(Topics.IDENTITY_USERS, typeOf(payload), IdentityEvents.VERSION, userId, payload);
    }

    public OutboxEvent session(SessionRevoked payload) {
        return outbox.event(Topics.IDENTITY_SESSIONS, IdentityEvents.SESSION_REVOKED, IdentityEvents.VERSION,
                payload.sessionId(), payload);
    }

    static String typeOf(Object payload) {
        if (payload instanceof UserRegistered) {
            return IdentityEvents.USER_REGISTERED;
        }
        if (payload instanceof UserUpdated) {
            return IdentityEvents.USER_UPDATED;
        }
        if (payload instanceof UserBlocked) {
            return IdentityEvents.USER_BLOCKED;
        }
        if (payload instanceof UserUnblocked) {
            return IdentityEvents.USER_UNBLOCKED;
        }
        if (payload instanceof UserRoleChanged) {
            return IdentityEvents.USER_ROLE_CHANGED;
        }
        throw new IllegalArgumentException("not a user event: " + payload.getClass().getName());
    }
}
