package dev.shop.auth.api;

import java.time.Instant;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.shop.auth.persistence.SessionRepository;
import dev.shop.contracts.http.Problem;
import dev.shop.contracts.http.ProblemType;
import dev.shop.kit.request.RequestContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * auth-service refuses the access tokens of a session that has ended (logout, password reset, block, loss of the admin
 * role) at once, not when they expire: it owns the sessions, so one read of the session per authenticated call is
 * enough. Other services rely on the gateway's deny-list, fed by {@code SessionRevoked}.
 */
public class RevokedSessionFilter {

    private static final String LOGOUT = "/api/v1/auth/logout";

    private final JsonWebToken token;
    private final SessionRepository sessions;

    public RevokedSessionFilter(JsonWebToken token, SessionRepository sessions) {
        this.token = token;
        this.sessions = sessions;
    }

    @ServerRequestFilter
    public Uni<Response> refuseEndedSessions(HttpServerRequest request) {
        if (token == null || token.getRawToken() == null || request.path().endsWith(LOGOUT)) {
            // logging out an ended session is harmless: it answers 204 and clears the cookie
            return Uni.createFrom().nullItem();
        }
        String sid = token.getClaim("sid");
        if (sid == null) {
            return Uni.createFrom().item(refusal(request));
        }
        return sessions.findById(sid).map(session -> session == null || session.revokedAt != null
                || !session.expiresAt.isAfter(Instant.now()) ? refusal(request) : null);
    }

    private static Response refusal(HttpServerRequest request) {
        Problem problem = Problem.of(ProblemType.UNAUTHORIZED, "The session of this access token has ended",
                request.path(), RequestContext.currentId());
        return Response.status(401).type(Problem.MEDIA_TYPE).entity(problem)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"").build();
    }
}
