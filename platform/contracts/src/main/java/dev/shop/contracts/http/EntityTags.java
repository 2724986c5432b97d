package dev.shop.contracts.http;

/**
 * {@code If-None-Match} against an {@code ETag} (RFC 9110 §13.1.2, weak comparison of §8.8.3.2): the gateway's cache and
 * the services' conditional reads decide 304 the same way.
 */
public final class EntityTags {

    private EntityTags() {
    }

    /**
     * Whether {@code ifNoneMatch} (a list of entity tags, or {@code *}) matches {@code etag} by the weak comparison
     * {@code If-None-Match} uses ({@code W/"a"} matches {@code "a"}): then the answer is 304. {@code *} matches any
     * stored answer, with or without a tag; a list that cannot be read matches nothing (the full answer is sent).
     */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        if (ifNoneMatch.strip().equals("*")) {
            return true;
        }
        if (etag == null) {
            return false;
        }
        String stored = opaque(etag.strip());
        int i = 0;
        int n = ifNoneMatch.length();
        while (i < n) {
            char c = ifNoneMatch.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            int start = i;
            if (ifNoneMatch.startsWith("W/", i)) {
                i += 2;
            }
            if (i >= n || ifNoneMatch.charAt(i) != '"') {
                return false;
            }
            int close = ifNoneMatch.indexOf('"', i + 1);
            if (close < 0) {
                return false;
            }
            if (opaque(ifNoneMatch.substring(start, close + 1)).equals(stored)) {
                return true;
            }
            i = close + 1;
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
