package dev.shop.contracts.identity;

import java.time.Instant;

import dev.shop.contracts.events.EventContract;
import dev.shop.contracts.events.Topics;

/**
 * A session (a refresh-token family) was revoked. Access tokens already issued for it carry its id as {@code sid} and
 * stay cryptographically valid until they expire, so a verifier that must cut them off earlier deny-lists the
 * {@code sid} until {@code accessTokensValidUntil}.
 *
 * @param sessionId the session id ({@code sid} claim)
 * @param userId the session's user
 * @param reason {@code logout}, {@code password-reset}, {@code refresh-token-reuse}, {@code user-blocked},
 *        {@code role-revoked} (the admin role was taken away)
 * @param revokedAt when
 * @param accessTokensValidUntil the latest expiry of an access token issued for this session
 */
@EventContract(topic = Topics.IDENTITY_SESSIONS, type = SessionRevoked.TYPE, version = SessionRevoked.VERSION)
public record SessionRevoked(
        String sessionId,
        String userId,
        String reason,
        Instant revokedAt,
        Instant accessTokensValidUntil) {

    public static final String TYPE = IdentityEvents.SESSION_REVOKED;
    public static final int VERSION = IdentityEvents.VERSION;

}
