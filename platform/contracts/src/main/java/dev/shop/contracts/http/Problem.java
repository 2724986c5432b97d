package dev.shop.contracts.http;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 *
 * @param type a URI reference naming the kind of problem, e.g. {@code /problems/validation}
 * @param title short, human-readable summary of the kind of problem; never an exception message
 * @param status the HTTP status code
 * @param detail explanation specific to this occurrence, safe to show to a client
 * @param instance the request path
 * @param traceId the request id ({@code X-Request-Id}) to quote to support
 * @param violations one entry per invalid field, for validation problems
 * @param retryAfterSeconds for 429 and some 503 answers: when to try again
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String traceId,
        List<Violation> violations,
        Long retryAfterSeconds) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        violations = violations == null || violations.isEmpty() ? null : List.copyOf(violations);
    }

    public static Problem of(ProblemType type, String detail, String instance, String traceId) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, traceId, null, null);
    }

    public Problem withViolations(List<Violation> list) {
        return new Problem(type, title, status, detail, instance, traceId, list, retryAfterSeconds);
    }

    public Problem withRetryAfter(long seconds) {
        return new Problem(type, title, status, detail, instance, traceId, violations, seconds);
    }

    /** One invalid input field. */
    public record Violation(String field, String message) {
    }
}
