package dev.shop.gateway.policy;

import java.util.Arrays;
import java.util.List;

/**
 * A path pattern of the policy table, matched segment by segment against a normalised path: a literal segment matches
 * itself, {@code *} matches exactly one segment, a final {@code **} matches zero or more segments. {@code /brands/**}
 * therefore covers {@code /brands} and everything below it, never {@code /brandsx}.
 */
public final class PathPattern {

    private final String text;
    private final List<String> segments;
    private final boolean openEnded;

    private PathPattern(String text, List<String> segments, boolean openEnded) {
        this.text = text;
        this.segments = segments;
        this.openEnded = openEnded;
    }

    public static PathPattern of(String pattern) {
        if (pattern == null || !pattern.startsWith("/") || pattern.endsWith("/") || pattern.contains("//")) {
            throw new IllegalArgumentException("Invalid path pattern '" + pattern + "'");
        }
        List<String> parts = Arrays.asList(pattern.substring(1).split("/"));
        boolean openEnded = parts.get(parts.size() - 1).equals("**");
        List<String> fixed = openEnded ? parts.subList(0, parts.size() - 1) : parts;
        for (String part : fixed) {
            if (part.equals("**") || (part.contains("*") && !part.equals("*"))) {
                throw new IllegalArgumentException(
                        "Invalid path pattern '" + pattern + "': '**' only as the last segment, '*' only alone");
            }
        }
        return new PathPattern(pattern, List.copyOf(fixed), openEnded);
    }

    /** Whether the normalised {@code path} matches; a trailing slash is ignored, an empty segment never matches. */
    public boolean matches(String path) {
        String[] parts = segmentsOf(path);
        return parts != null && matches(parts);
    }

    /**
     * The segments of a normalised path as {@link #matches(String[])} takes them (a trailing slash ignored), or null for
     * something that is not an absolute path. Split once, matched against every row.
     */
    public static String[] segmentsOf(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(1).split("/", -1);
    }

    /** Whether a path given as its {@link #segmentsOf segments} matches. */
    public boolean matches(String[] parts) {
        if (parts.length < segments.size() || (!openEnded && parts.length != segments.size())) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                return false;
            }
            if (i < segments.size()) {
                String expected = segments.get(i);
                if (!expected.equals("*") && !expected.equals(parts[i])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The literal leading segments, e.g. {@code /api/v1/products} for {@code /api/v1/products/*}{@code /reviews}. */
    public String literalPrefix() {
        StringBuilder prefix = new StringBuilder();
        for (String segment : segments) {
            if (segment.equals("*")) {
                break;
            }
            prefix.append('/').append(segment);
        }
        return prefix.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
