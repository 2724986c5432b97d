package dev.shop.gateway.cache;

import java.util.List;
import java.util.Locale;

/**
 * The {@code Cache-Control} directives (RFC 9111 §5.2) that decide whether a shared cache may store and reuse an
 * answer, parsed strictly: a malformed or repeated {@code max-age} / {@code s-maxage} makes the answer uncacheable
 * rather than guessing. Directive names are case-insensitive; {@code private} and {@code no-cache} count with or
 * without a field list ({@code private="Set-Cookie"}).
 *
 * @param isPublic {@code public}
 * @param isPrivate {@code private}
 * @param noStore {@code no-store}
 * @param noCache {@code no-cache}
 * @param maxAge {@code max-age} in seconds, {@link #ABSENT} when not given
 * @param sMaxAge {@code s-maxage} in seconds, {@link #ABSENT} when not given
 * @param malformed a directive could not be read (a bad number, an unterminated quote, a repeated lifetime)
 */
record CacheDirectives(boolean isPublic, boolean isPrivate, boolean noStore, boolean noCache, long maxAge,
        long sMaxAge, boolean malformed) {

    static final long ABSENT = -1;
    /** RFC 9111 §1.2.2: a lifetime larger than this is taken as this. */
    private static final long MAX_DELTA_SECONDS = 2_147_483_648L;

    static final CacheDirectives NONE = new CacheDirectives(false, false, false, false, ABSENT, ABSENT, false);

    /** Parses every {@code Cache-Control} field line of a message (an empty list: no directives). */
    static CacheDirectives parse(List<String> fieldLines) {
        Parser parser = new Parser();
        for (String line : fieldLines) {
            parser.line(line);
        }
        return parser.result();
    }

    /** How long a shared cache may reuse the answer, in seconds: {@code s-maxage}, else {@code max-age}. */
    long sharedMaxAge() {
        return sMaxAge != ABSENT ? sMaxAge : maxAge;
    }

    /** Parses {@code delta-seconds} (digits only); {@code -1} when it is not a number. */
    static long deltaSeconds(String value) {
        if (value == null || value.isEmpty()) {
            return -1;
        }
        long seconds = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            seconds = Math.min(MAX_DELTA_SECONDS, seconds * 10 + (c - '0'));
        }
        return seconds;
    }

    private static final class Parser {
        private boolean isPublic;
        private boolean isPrivate;
        private boolean noStore;
        private boolean noCache;
        private long maxAge = ABSENT;
        private long sMaxAge = ABSENT;
        private boolean malformed;

        void line(String line) {
            int i = 0;
            int n = line.length();
            while (i < n) {
                int start = i;
                while (i < n && line.charAt(i) != ',' && line.charAt(i) != '=') {
                    i++;
                }
                String name = line.substring(start, i).strip().toLowerCase(Locale.ROOT);
                String value = null;
                if (i < n && line.charAt(i) == '=') {
                    i++;
                    while (i < n && line.charAt(i) == ' ') {
                        i++;
                    }
                    if (i < n && line.charAt(i) == '"') {
                        StringBuilder quoted = new StringBuilder();
                        i++;
                        boolean closed = false;
                        while (i < n) {
                            char c = line.charAt(i++);
                            if (c == '\\' && i < n) {
                                quoted.append(line.charAt(i++));
                            } else if (c == '"') {
                                closed = true;
                                break;
                            } else {
                                quoted.append(c);
                            }
                        }
                        if (!closed) {
                            malformed = true;
                        }
                        value = quoted.toString();
                        while (i < n && line.charAt(i) != ',') {
                            if (line.charAt(i) != ' ' && line.charAt(i) != '\t') {
                                malformed = true;
                            }
                            i++;
                        }
                    } else {
                        int valueStart = i;
                        while (i < n && line.charAt(i) != ',') {
                            i++;
                        }
                        value = line.substring(valueStart, i).strip();
                    }
                }
                i++; // the comma
                directive(name, value);
            }
        }

        private void directive(String name, String value) {
            switch (name) {
                case "" -> {
                    // empty list elements are allowed (RFC 9110 §5.6.1)
                }
                case "public" -> isPublic = true;
                case "private" -> isPrivate = true;
                case "no-store" -> noStore = true;
                case "no-cache" -> noCache = true;
                case "max-age" -> maxAge = lifetime(maxAge, value);
                case "s-maxage" -> sMaxAge = lifetime(sMaxAge, value);
                default -> {
                    // other directives (immutable, must-revalidate, no-transform...) change nothing for a cache that
                    // never serves stale answers
                }
            }
        }

        private long lifetime(long previous, String value) {
            long seconds = deltaSeconds(value);
            if (seconds < 0 || previous != ABSENT) {
                malformed = true;
            }
            return seconds;
        }

        CacheDirectives result() {
            return new CacheDirectives(isPublic, isPrivate, noStore, noCache, maxAge, sMaxAge, malformed);
        }
    }
}
