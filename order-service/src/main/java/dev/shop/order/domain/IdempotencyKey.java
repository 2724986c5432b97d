package dev.shop.order.domain;

import java.util.regex.Pattern;

import dev.shop.kit.problem.ProblemException;

/**
 * The client's {@code Idempotency-Key} of a command: 8 to 128 characters of letters, digits and {@code . _ : -} (a
 * UUID fits), optionally in double quotes as the IETF draft's structured-header string form writes it.
 */
public final class IdempotencyKey {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{7,127}");

    private IdempotencyKey() {
    }

    /** @throws ProblemException 400 naming the header when it is missing or not a sane token */
    public static String parse(String header) {
        if (header == null || header.isBlank()) {
            throw ProblemException.invalid(HEADER, "is required: send a unique token (e.g. a UUID) per order");
        }
        String value = header.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (!SANE.matcher(value).matches()) {
            throw ProblemException.invalid(HEADER,
                    "must be 8 to 128 characters of letters, digits, '.', '_', ':' or '-'");
        }
        return value;
    }
}
