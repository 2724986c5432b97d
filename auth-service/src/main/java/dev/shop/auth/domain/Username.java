package dev.shop.auth.domain;

import java.util.regex.Pattern;

import dev.shop.kit.problem.ProblemException;

/** Usernames: 3–30 characters of letters, digits, spaces and {@code . _ -}; surrounding spaces are dropped. */
public final class Username {

    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Nd} ._-]{3,30}");

    private Username() {
    }

    /** @throws ProblemException 400 naming {@code field} when the value is not acceptable */
    public static String normalise(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.invalid(field, "must not be blank");
        }
        String value = raw.strip();
        if (!ALLOWED.matcher(value).matches()) {
            throw ProblemException.invalid(field,
                    "must be 3 to 30 characters: letters, digits, spaces, '.', '_' or '-'");
        }
        return value;
    }
}
