package dev.shop.contracts.http;

/**
 * The kinds of problem every service and the gateway answer with (docs/api.md lists each with its meaning). A service can add
 * its own
 * {@code /problems/...} types for business rules; these are the common ones.
 */
public enum ProblemType {
    VALIDATION(400, "validation", "Request validation failed"),
    MALFORMED_REQUEST(400, "malformed-request", "Malformed request"),
    UNAUTHORIZED(401, "unauthorized", "Authentication required"),
    FORBIDDEN(403, "forbidden", "Not allowed"),
    NOT_FOUND(404, "not-found", "Resource not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    CONFLICT(409, "conflict", "Conflict with the current state"),
    /** The resource changed since the caller read it (an old {@code version}); re-read and try again. */
    STALE_VERSION(409, "stale-version", "The resource was changed by someone else"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    BUSINESS_RULE(422, "business-rule", "Request refused by a business rule"),
    TOO_MANY_REQUESTS(429, "rate-limited", "Too many requests"),
    INTERNAL(500, "internal", "Internal error"),
    BAD_GATEWAY(502, "bad-gateway", "Bad gateway"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "Service unavailable"),
    GATEWAY_TIMEOUT(504, "gateway-timeout", "Upstream timed out");

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String uri() {
        return "/problems/" + slug;
    }

    /**
     * The common type for a status code: {@link #MALFORMED_REQUEST} for a bare 400 or an unknown 4xx, {@link #INTERNAL}
     * for an unknown 5xx.
     */
    public static ProblemType forStatus(int status) {
        for (ProblemType t : values()) {
            if (t.status == status && t != VALIDATION) {
                return t;
            }
        }
        return status >= 500 ? INTERNAL : MALFORMED_REQUEST;
    }
}
