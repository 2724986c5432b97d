package dev.shop.kit.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.shop.kit.problem.ProblemException;

/**
 * The caller, as the verified access token says. User-owned data is always read and written with {@link #id()} as the
 * owner (docs/architecture.md), never with an id from a path or body.
 */
@RequestScoped
public class CurrentUser {

    public static final String ROLE_CUSTOMER = "customer";
    public static final String ROLE_ADMIN = "admin";

    private final JsonWebToken token;

    public CurrentUser(JsonWebToken token) {
        this.token = token;
    }

    public boolean isAuthenticated() {
        return token != null && token.getSubject() != null;
    }

    /** The user id (token subject). @throws ProblemException 401 when the call carries no valid token */
    public String id() {
        if (!isAuthenticated()) {
            throw ProblemException.unauthorized("A valid bearer token is required");
        }
        return token.getSubject();
    }

    public Set<String> roles() {
        return isAuthenticated() && token.getGroups() != null ? Set.copyOf(token.getGroups()) : Set.of();
    }

    public boolean isAdmin() {
        return roles().contains(ROLE_ADMIN);
    }

    /** The session the token was issued for ({@code sid}), used to revoke a session. */
    public Optional<String> sessionId() {
        return isAuthenticated() ? Optional.ofNullable(token.<String> getClaim("sid")) : Optional.empty();
    }

    /** The raw token, to forward to another service on behalf of the caller. */
    public Optional<String> rawToken() {
        return isAuthenticated() ? Optional.ofNullable(token.getRawToken()) : Optional.empty();
    }
}
