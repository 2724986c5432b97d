package dev.shop.admin.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.shop.contracts.http.Problem;

/** Reads optional query values, collecting what is wrong with them as violations (400 naming each parameter). */
final class QueryValues {

    private static final int MAX_TEXT = 100;

    private final List<Problem.Violation> violations;

    QueryValues(List<Problem.Violation> violations) {
        this.violations = violations;
    }

    /** Trimmed text of at most 100 characters, or null when absent. */
    String text(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip();
        if (text.length() > MAX_TEXT) {
            violations.add(new Problem.Violation(name, "must be at most " + MAX_TEXT + " characters"));
            return null;
        }
        return text;
    }

    /** One of {@code allowed} (compared ignoring case, answered in the allowed spelling), or null when absent. */
    String oneOf(String name, String raw, Set<String> allowed) {
        String text = text(name, raw);
        if (text == null) {
            return null;
        }
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(text)) {
                return candidate;
            }
        }
        violations.add(new Problem.Violation(name,
                "must be one of " + String.join(", ", allowed.stream().sorted().toList())));
        return null;
    }

    /**
     * An instant given as {@code 2026-12-01T10:00:00Z} (or with an offset), or a day {@code 2026-12-01} in
     * {@code zone}: its start, or when {@code endOfDay}, the start of the next day (so {@code to=2026-12-01} includes
     * that whole day).
     */
    Instant instant(String name, String raw, ZoneId zone, boolean endOfDay) {
        String text = text(name, raw);
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            violations.add(new Problem.Violation(name, "must be a date (2026-12-01) or an instant (2026-12-01T10:00:00Z)"));
            return null;
        }
    }

    LocalDate day(String name, String raw) {
        String text = text(name, raw);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            violations.add(new Problem.Violation(name, "must be a date like 2026-12-01"));
            return null;
        }
    }

    Integer integer(String name, String raw, int min, int max) {
        String text = text(name, raw);
        if (text == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        violations.add(new Problem.Violation(name, "must be an integer between " + min + " and " + max));
        return null;
    }

    boolean flag(String name, String raw) {
        String text = text(name, raw);
        if (text == null) {
            return false;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                violations.add(new Problem.Violation(name, "must be true or false"));
                yield false;
            }
        };
    }

    void rangeInOrder(String fromName, Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            violations.add(new Problem.Violation(fromName, "must be before to"));
        }
    }
}
