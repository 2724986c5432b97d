package dev.shop.cart.application;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Product ids the catalogue said it does not know, remembered for a short while (bounded), so repeating a bad id does
 * not turn every request into a call to catalog-service. A product created meanwhile arrives by its event anyway.
 */
final class UnknownProducts {

    private final Duration ttl;
    private final int capacity;
    private final Map<String, Instant> until = new ConcurrentHashMap<>();

    UnknownProducts(Duration ttl, int capacity) {
        this.ttl = ttl;
        this.capacity = capacity;
    }

    boolean isKnownUnknown(String productId, Instant now) {
        Instant expiry = until.get(productId);
        if (expiry == null) {
            return false;
        }
        if (now.isBefore(expiry)) {
            return true;
        }
        until.remove(productId, expiry);
        return false;
    }

    void remember(String productId, Instant now) {
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        if (until.size() >= capacity) {
            until.entrySet().removeIf(e -> !now.isBefore(e.getValue()));
            if (until.size() >= capacity) {
                // Still full of live entries: forget them all rather than grow without bound.
                until.clear();
            }
        }
        until.put(productId, now.plus(ttl));
    }

    void forget(String productId) {
        until.remove(productId);
    }
}
