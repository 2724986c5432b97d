package dev.shop.gateway.cache;

import java.util.List;

/** What the micro-cache keeps under a key: an answer, or the list of headers its answers vary on. */
sealed interface Stored permits StoredAnswer, Stored.VaryNames {

    /** When the entry stops being usable, on the cache clock. */
    long expiresAtNanos();

    /** Approximate bytes held, for the cache's size bound. */
    int weight();

    /**
     * Under the key of a request whose answer carries {@code Vary}: the (lower-case) request headers whose values are
     * part of the key the answer itself is stored under.
     */
    record VaryNames(List<String> names, long expiresAtNanos) implements Stored {

        @Override
        public int weight() {
            int weight = 64;
            for (String name : names) {
                weight += 16 + 2 * name.length();
            }
            return weight;
        }
    }
}
