package dev.shop.kit.problem;

import java.util.List;

import dev.shop.contracts.http.Problem;
import dev.shop.contracts.http.ProblemType;

/**
 * A failure that the client is told about as an RFC 9457 problem. Plain Java, so domain code can throw it (or a
 * subclass naming a business rule) without depending on the web layer; {@link ProblemMapper} turns it into the
 * response. The {@code detail} is shown to clients: never put internal state or exception text in it.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.Violation> violations;
    private final Long retryAfterSeconds;

    public ProblemException(ProblemType type, String detail) {
        this(type.status(), type.uri(), type.title(), detail, List.of(), null);
    }

    /** A service-specific kind of problem, e.g. {@code /problems/out-of-stock}. */
    public ProblemException(int status, String type, String title, String detail) {
        this(status, type, title, detail, List.of(), null);
    }

    protected ProblemException(int status, String type, String title, String detail,
            List<Problem.Violation> violations, Long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.violations = List.copyOf(violations);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail);
    }

    public static ProblemException businessRule(String detail) {
        return new ProblemException(ProblemType.BUSINESS_RULE, detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemType.FORBIDDEN, detail);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(ProblemType.UNAUTHORIZED, detail);
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(ProblemType.SERVICE_UNAVAILABLE, detail);
    }

    public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
        ProblemType t = ProblemType.TOO_MANY_REQUESTS;
        return new ProblemException(t.status(), t.uri(), t.title(), detail, List.of(), retryAfterSeconds);
    }

    /** A 400 naming the invalid fields, for checks Bean Validation cannot express. */
    public static ProblemException invalid(List<Problem.Violation> violations) {
        ProblemType t = ProblemType.VALIDATION;
        String detail = violations.size() == 1
                ? violations.get(0).field() + ": " + violations.get(0).message()
                : violations.size() + " fields are invalid";
        return new ProblemException(t.status(), t.uri(), t.title(), detail, violations, null);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new Problem.Violation(field, message)));
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
