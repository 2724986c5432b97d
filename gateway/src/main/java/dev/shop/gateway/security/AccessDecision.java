package dev.shop.gateway.security;

import java.util.Optional;

import dev.shop.contracts.http.ProblemType;

/** Whether a request may go on to the service, and as whom. */
public sealed interface AccessDecision {

    /** Let through; {@code subject} is the user id of a valid token, empty for an anonymous call. */
    record Granted(Optional<String> subject) implements AccessDecision {
    }

    /**
     * Refused with a 401 or 403 problem and the matching {@code WWW-Authenticate} challenge; or 503 (no challenge) when
     * tokens cannot be checked at all.
     */
    record Denied(ProblemType type, String detail, String challenge) implements AccessDecision {
    }
}
