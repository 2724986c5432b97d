package dev.shop.gateway.security;

import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.InvalidJwtException;

import dev.shop.contracts.http.ProblemType;
import dev.shop.gateway.policy.Access;
import dev.shop.gateway.policy.RoutePolicy;
import io.quarkus.logging.Log;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Applies a route's {@link Access} rule to a request. The token is validated by quarkus-oidc against auth-service's
 * discovery document and JWKS (signature, issuer, audience, expiry), lazily, only here: a token that is presented must
 * be valid on every route, public ones included. A valid token of a revoked session is refused too. A token verified
 * once is remembered by {@link VerifiedTokens} for its next requests; its session is checked on each of them.
 */
@ApplicationScoped
public class AccessControl {

    static final String REALM = "shop";
    /** The header that makes an anonymous call a guest-cart call (see {@link Access#GUEST_CART}). */
    public static final String CART_TOKEN = "X-Cart-Token";
    private static final String BEARER = "bearer ";
    private static final BiConsumer<RoutingContext, Throwable> ANSWERED_BY_GATEWAY = (rc, failure) -> {
        // The gateway writes its own 401 problem; Quarkus' default would end the response with an empty body.
    };

    private final RevokedSessions revoked;
    private final VerifiedTokens verifiedTokens;

    public AccessControl(RevokedSessions revoked, VerifiedTokens verifiedTokens) {
        this.revoked = revoked;
        this.verifiedTokens = verifiedTokens;
    }

    public Uni<AccessDecision> check(RoutingContext rc, RoutePolicy policy) {
        String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            if (policy.access() == Access.PUBLIC
                    || policy.access() == Access.GUEST_CART && rc.request().getHeader(CART_TOKEN) != null) {
                return Uni.createFrom().item(new AccessDecision.Granted(Optional.empty()));
            }
            return Uni.createFrom().item(new AccessDecision.Denied(ProblemType.UNAUTHORIZED,
                    "This API needs an access token", "Bearer realm=\"" + REALM + "\""));
        }
        if (authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || authorization.substring(BEARER.length()).isBlank()) {
            return Uni.createFrom().item(invalid("invalid_request", "The Authorization header must be 'Bearer <token>'"));
        }
        VerifiedTokens.Verified remembered = verifiedTokens.recall(authorization);
        if (remembered != null) {
            return Uni.createFrom().item(decide(remembered, policy));
        }
        rc.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, ANSWERED_BY_GATEWAY);
        return QuarkusHttpUser.getSecurityIdentity(rc, null)
                .map(identity -> {
                    VerifiedTokens.Verified verified = verified(identity);
                    if (verified == null) {
                        // A bearer header that no mechanism accepted is never treated as "no token".
                        return invalid("invalid_token", "The access token is not valid");
                    }
                    verifiedTokens.remember(authorization, verified);
                    return decide(verified, policy);
                })
                .onFailure().recoverWithItem(AccessControl::rejected);
    }

    private static VerifiedTokens.Verified verified(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return null;
        }
        Object sid = token.getClaim("sid");
        Instant expiresAt = token.getClaim("exp") instanceof Number exp ? Instant.ofEpochSecond(exp.longValue())
                : Instant.EPOCH;
        return new VerifiedTokens.Verified(Optional.ofNullable(token.getSubject()),
                Optional.ofNullable(sid).map(Object::toString), identity.hasRole("admin"), expiresAt);
    }

    private AccessDecision decide(VerifiedTokens.Verified token, RoutePolicy policy) {
        if (token.sessionId().filter(revoked::isRevoked).isPresent()) {
            return invalid("invalid_token", "The session of this access token has been revoked");
        }
        if (policy.access() == Access.ADMIN && !token.admin()) {
            return new AccessDecision.Denied(ProblemType.FORBIDDEN, "This API is for administrators",
                    "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\"");
        }
        return new AccessDecision.Granted(token.subject());
    }

    private static AccessDecision rejected(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OIDCException) {
                // Discovery or JWKS cannot be fetched (auth-service not up yet, or down): the token may well be
                // valid, so this is not the client's fault. quarkus-oidc tries again on the next request.
                Log.warnf("Cannot validate access tokens: %s", t.getMessage());
                return new AccessDecision.Denied(ProblemType.SERVICE_UNAVAILABLE,
                        "Access tokens cannot be checked right now: the issuer is unavailable", null);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        Log.debugf("Access token refused: %s", failure.toString());
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidJwtException invalid && invalid.hasExpired()) {
                return invalid("invalid_token", "The access token has expired");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return invalid("invalid_token", "The access token is not valid");
    }

    private static AccessDecision invalid(String error, String description) {
        return new AccessDecision.Denied(ProblemType.UNAUTHORIZED, description, "Bearer realm=\"" + REALM
                + "\", error=\"" + error + "\", error_description=\"" + description + "\"");
    }
}
