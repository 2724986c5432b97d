package dev.shop.kit.page;

import java.util.ArrayList;
import java.util.List;

import dev.shop.contracts.http.Problem;
import dev.shop.kit.problem.ProblemException;

/**
 * A validated {@code ?page=&size=} pair (docs/api.md): page from 0, size 1..{@value #MAX_SIZE}.
 *
 * @param page zero-based page number
 * @param size items per page
 */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    private static final int MAX_PAGE = 1_000_000;

    public PageRequest {
        if (page < 0 || page > MAX_PAGE || size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page " + page + ", size " + size);
        }
    }

    /**
     * Parses raw query values; absent values take the defaults. Anything else than a number in range is a 400 naming the
     * parameter (JAX-RS would answer 404 for an unparsable query parameter, which misleads clients).
     */
    public static PageRequest parse(String page, String size) {
        List<Problem.Violation> violations = new ArrayList<>();
        int p = parseInt("page", page, 0, 0, MAX_PAGE, violations);
        int s = parseInt("size", size, DEFAULT_SIZE, 1, MAX_SIZE, violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return new PageRequest(p, s);
    }

    public int offset() {
        return page * size;
    }

    private static int parseInt(String name, String raw, int fallback, int min, int max,
            List<Problem.Violation> violations) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        violations.add(new Problem.Violation(name, "must be an integer between " + min + " and " + max));
        return fallback;
    }
}
