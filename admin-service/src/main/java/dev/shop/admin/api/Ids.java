package dev.shop.admin.api;

import java.util.regex.Pattern;

import dev.shop.kit.problem.ProblemException;

/**
 * Checks ids and codes taken from the path before they are used in a query or forwarded as a path segment: letters,
 * digits and {@code _ . : -}, starting with a letter or digit (so never {@code .} or {@code ..}), at most 128.
 */
final class Ids {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");

    private Ids() {
    }

    /** @throws ProblemException 400 naming the parameter */
    static String require(String name, String value) {
        if (value == null || !SAFE.matcher(value).matches()) {
            throw ProblemException.invalid(name, "must be 1 to 128 letters, digits or _ . : - starting with a letter or digit");
        }
        return value;
    }
}
