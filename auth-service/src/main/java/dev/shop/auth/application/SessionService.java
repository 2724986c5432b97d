package dev.shop.auth.application;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.auth.config.AuthConfig;
import dev.shop.auth.domain.OpaqueTokens;
import dev.shop.auth.domain.RefreshSuccessors;
import dev.shop.auth.domain.Times;
import dev.shop.auth.domain.User;
import dev.shop.auth.persistence.RefreshTokenDocument;
import dev.shop.auth.persistence.RefreshTokenRepository;
import dev.shop.auth.persistence.SessionDocument;
import dev.shop.auth.persistence.SessionRepository;
import dev.shop.auth.persistence.UserMapper;
import dev.shop.auth.persistence.UserRepository;
import dev.shop.contracts.identity.SessionRevoked;
import dev.shop.kit.outbox.OutboxRelay;
import dev.shop.kit.problem.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Sessions and their refresh tokens (RFC 9700): a login starts a session (a refresh-token family); every refresh uses
 * up the presented token and issues its successor; presenting a token that was already used (after a short grace for
 * tabs refreshing at once) revokes the whole family, because either the client or a thief holds a copy.
 */
@ApplicationScoped
public class SessionService {

    public static final String ACCOUNT_BLOCKED_TYPE = "/problems/account-blocked";

    /** What a login or refresh hands to the client. */
    public record Issued(TokenIssuer.AccessToken accessToken, String refreshToken, Duration refreshTokenMaxAge,
            User user, String sessionId) {
        @Override
        public String toString() {
            return "Issued[session " + sessionId + "]";
        }
    }

    private final AuthConfig config;
    private final SessionRepository sessions;
    private final RefreshTokenRepository refreshTokens;
    private final UserRepository users;
    private final TokenIssuer issuer;
    private final IdentityOutbox outbox;
    private final OutboxRelay relay;
    private final RefreshSuccessors successors;

    public SessionService(AuthConfig config, SessionRepository sessions, RefreshTokenRepository refreshTokens,
            UserRepository users, TokenIssuer issuer, IdentityOutbox outbox, OutboxRelay relay,
            RefreshSuccessors successors) {
        this.config = config;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.users = users;
        this.issuer = issuer;
        this.outbox = outbox;
        this.relay = relay;
        this.successors = successors;
    }

    /** Starts a session for an active user. */
    public Uni<Issued> start(User user) {
        if (user.isBlocked()) {
            return Uni.createFrom().failure(blocked());
        }
        Instant now = Times.now();
        SessionDocument session = new SessionDocument();
        session.id = OpaqueTokens.newId();
        session.userId = user.id();
        session.createdAt = now;
        session.lastRefreshedAt = now;
        session.expiresAt = now.plus(config.sessions().maxLifetime());
        TokenIssuer.AccessToken access = issuer.issue(user, session.id, now);
        session.accessTokensValidUntil = access.expiresAt();
        return sessions.persist(session)
                .flatMap(saved -> newRefreshToken(session, now))
                .map(refresh -> new Issued(access, refresh, refreshMaxAge(session, now), user, session.id));
    }

    /**
     * Exchanges a refresh token for new tokens. The session moves to its next refresh generation in one conditional
     * update, which a concurrent logout (or another refresh) makes fail: a refresh racing a logout never issues a token
     * after it. A token used moments ago ({@code shop.auth.sessions.refresh-grace}) yields the same successor again
     * (two tabs refreshing at once); presented later, or any older token, it is a reuse and ends the session.
     *
     * @throws ProblemException 401 for an unknown, expired, revoked or reused token; 403 for a blocked account
     */
    public Uni<Issued> refresh(String presented) {
        if (!OpaqueTokens.looksValid(presented)) {
            return Uni.createFrom().failure(invalidRefresh());
        }
        String hash = OpaqueTokens.hash(presented);
        Instant now = Times.now();
        return refreshTokens.findById(hash).flatMap(token -> {
            if (token == null || !token.expiresAt.isAfter(now)) {
                return Uni.createFrom().failure(invalidRefresh());
            }
            return sessions.findById(token.sessionId).flatMap(session -> {
                if (session == null || session.revokedAt != null || !session.expiresAt.isAfter(now)) {
                    return Uni.createFrom().failure(invalidRefresh());
                }
                return users.findByHexId(session.userId).flatMap(doc -> {
                    if (doc == null) {
                        return Uni.createFrom().failure(invalidRefresh());
                    }
                    User user = UserMapper.toDomain(doc);
                    if (user.isBlocked()) {
                        return revoke(session.id, "user-blocked").flatMap(v -> Uni.createFrom().failure(blocked()));
                    }
                    if (!user.isActive() || !user.acceptsSessionFrom(session.createdAt)) {
                        return revoke(session.id, "password-reset")
                                .flatMap(v -> Uni.createFrom().failure(invalidRefresh()));
                    }
                    return exchange(presented, token, session, user, now, true);
                });
            });
        });
    }

    private Uni<Issued> exchange(String presented, RefreshTokenDocument token, SessionDocument session, User user,
            Instant now, boolean mayRetry) {
        long generation = token.generation;
        String successor = successors.successorOf(presented);
        TokenIssuer.AccessToken access = issuer.issue(user, session.id, now);
        if (session.refreshGeneration == generation && token.rotatedAt == null) {
            // the live token: store its successor, then move the session on (the successor is the same whoever wins)
            return refreshTokens.store(successorDocument(successor, session, generation + 1, now))
                    .flatMap(v -> sessions.rotate(session.id, generation, now, access.expiresAt()))
                    .flatMap(rotated -> {
                        if (rotated) {
                            return refreshTokens.markRotated(token.id, now)
                                    .replaceWith(issued(access, successor, session, user, now));
                        }
                        // a logout or another refresh got there first: judge again on what is stored now
                        return mayRetry ? sessions.findById(session.id).flatMap(fresh -> fresh == null
                                || fresh.revokedAt != null ? Uni.createFrom().<Issued> failure(invalidRefresh())
                                        : exchange(presented, token, fresh, user, now, false))
                                : Uni.createFrom().failure(invalidRefresh());
                    });
        }
        boolean justRotated = session.refreshGeneration == generation + 1 && session.rotatedAt != null
                && !now.isAfter(session.rotatedAt.plus(config.sessions().refreshGrace()));
        if (justRotated) {
            // the other tab's refresh won moments ago: same successor, a new access token, unless a logout came since
            return sessions.issuedAt(session.id, generation + 1, access.expiresAt()).flatMap(live -> live
                    ? Uni.createFrom().item(issued(access, successor, session, user, now))
                    : Uni.createFrom().<Issued> failure(invalidRefresh()));
        }
        return reuseDetected(token);
    }

    private Issued issued(TokenIssuer.AccessToken access, String refreshToken, SessionDocument session, User user,
            Instant now) {
        return new Issued(access, refreshToken, refreshMaxAge(session, now), user, session.id);
    }

    /**
     * Ends the caller's session and, when a refresh token of another of their sessions is presented too, that one.
     * Logging out an already ended session is not an error.
     */
    public Uni<Void> logout(String userId, String sessionId, String presentedRefreshToken) {
        Uni<Void> bySid = sessionId == null ? Uni.createFrom().voidItem() : revokeOwned(userId, sessionId);
        if (!OpaqueTokens.looksValid(presentedRefreshToken)) {
            return bySid;
        }
        return bySid.flatMap(v -> refreshTokens.findById(OpaqueTokens.hash(presentedRefreshToken)))
                .flatMap(token -> token == null || !userId.equals(token.userId)
                        ? Uni.createFrom().voidItem()
                        : revoke(token.sessionId, "logout").replaceWithVoid());
    }

    /** Revokes every live session of a user, each with its own {@code SessionRevoked} event. */
    public Uni<Void> revokeAll(String userId, String reason) {
        return sessions.activeOf(userId)
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(s -> revoke(s.id, reason))
                .collect().asList()
                .replaceWithVoid();
    }

    /**
     * Revokes a session with its {@code SessionRevoked} event. The event's {@code accessTokensValidUntil} is the later
     * of what the session recorded and now plus the access-token lifetime: a refresh that moves the session on between
     * this read and this update issues a token expiring after the recorded value, and the deny-list entry must outlive
     * that token too. (No token is handed out once the revocation is stored: a refresh's rotation requires a live
     * session.)
     *
     * @return true when this call revoked the session
     */
    public Uni<Boolean> revoke(String sessionId, String reason) {
        return sessions.findById(sessionId).flatMap(session -> {
            if (session == null || session.revokedAt != null) {
                return Uni.createFrom().item(false);
            }
            Instant now = Times.now();
            Instant bound = now.plus(config.accessTokenLifetime());
            Instant validUntil = session.accessTokensValidUntil != null && session.accessTokensValidUntil.isAfter(bound)
                    ? session.accessTokensValidUntil
                    : bound;
            SessionRevoked event = new SessionRevoked(session.id, session.userId, reason, now, validUntil);
            return sessions.revoke(session.id, reason, now, outbox.session(event)).invoke(revoked -> {
                if (revoked) {
                    relay.publishSoon(SessionDocument.COLLECTION, session.id);
                }
            });
        });
    }

    private Uni<Void> revokeOwned(String userId, String sessionId) {
        return sessions.findById(sessionId).flatMap(session -> session == null || !userId.equals(session.userId)
                ? Uni.createFrom().voidItem()
                : revoke(sessionId, "logout").replaceWithVoid());
    }

    private <T> Uni<T> reuseDetected(RefreshTokenDocument token) {
        Log.warnf("A used refresh token of session %s was presented again: revoking the session", token.sessionId);
        return revoke(token.sessionId, "refresh-token-reuse")
                .flatMap(v -> Uni.createFrom().failure(invalidRefresh()));
    }

    private Uni<String> newRefreshToken(SessionDocument session, Instant now) {
        String token = OpaqueTokens.newToken();
        return refreshTokens.store(successorDocument(token, session, 0, now)).replaceWith(token);
    }

    private RefreshTokenDocument successorDocument(String token, SessionDocument session, long generation,
            Instant now) {
        RefreshTokenDocument doc = new RefreshTokenDocument();
        doc.id = OpaqueTokens.hash(token);
        doc.sessionId = session.id;
        doc.userId = session.userId;
        doc.generation = generation;
        doc.issuedAt = now;
        Instant byLifetime = now.plus(config.sessions().refreshTokenLifetime());
        doc.expiresAt = byLifetime.isBefore(session.expiresAt) ? byLifetime : session.expiresAt;
        return doc;
    }

    private Duration refreshMaxAge(SessionDocument session, Instant now) {
        Duration byLifetime = config.sessions().refreshTokenLifetime();
        Duration bySession = Duration.between(now, session.expiresAt);
        return byLifetime.compareTo(bySession) < 0 ? byLifetime : bySession;
    }

    static ProblemException invalidRefresh() {
        return ProblemException.unauthorized("The refresh token is not valid; log in again");
    }

    public static ProblemException blocked() {
        return new ProblemException(403, ACCOUNT_BLOCKED_TYPE, "Account blocked",
                "This account is blocked; contact support");
    }
}
