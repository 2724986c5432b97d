package dev.shop.gateway.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.identity.SessionRevoked;
import io.quarkus.logging.Log;

/**
 * Fills the deny-list from auth-service's {@code SessionRevoked} events ({@code shop.identity.sessions.v1}). Each
 * gateway instance reads the topic from the beginning with a consumer group of its own, so a fresh instance rebuilds
 * the whole list and every replica sees every event. A record that cannot be read is logged and skipped: nothing can
 * be retried for it, and it must not stop the revocations behind it.
 */
@ApplicationScoped
public class SessionRevocationConsumer {

    /** Event type name of {@link SessionRevoked} on the sessions topic. */
    public static final String SESSION_REVOKED = "SessionRevoked";

    private final RevokedSessions revoked;

    public SessionRevocationConsumer(RevokedSessions revoked) {
        this.revoked = revoked;
    }

    @Incoming("session-revocations")
    public void onEvent(String value) {
        EventEnvelope envelope;
        SessionRevoked event;
        try {
            envelope = EventJson.read(value);
            if (!SESSION_REVOKED.equals(envelope.type())) {
                return;
            }
            event = EventJson.dataAs(envelope, SessionRevoked.class);
        } catch (EventJson.MalformedEventException e) {
            Log.warnf("Skipping unreadable record on the sessions topic: %s", e.getMessage());
            return;
        }
        if (event.sessionId() == null || event.accessTokensValidUntil() == null) {
            Log.warnf("Skipping SessionRevoked %s without sessionId or accessTokensValidUntil", envelope.eventId());
            return;
        }
        if (revoked.revoke(event.sessionId(), event.accessTokensValidUntil())) {
            Log.debugf("Session %s revoked (%s) until %s", event.sessionId(), event.reason(),
                    event.accessTokensValidUntil());
        }
    }
}
