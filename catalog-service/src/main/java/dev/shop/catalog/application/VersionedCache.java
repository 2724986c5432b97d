package dev.shop.catalog.application;

import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Weigher;

/**
 * A bounded cache whose entries are valid for one {@link ProductView.Version} of the product view: the first lookup
 * with a newer version starts an empty cache, so nothing computed from an older view is ever answered again. A lookup
 * with an older version than the cached one (a request that began before a change) is computed and not stored.
 */
public final class VersionedCache<K, V> {

    private record Slot<K, V>(ProductView.Version version, Cache<K, V> cache) {
    }

    private final long maxWeight;
    private final Weigher<K, V> weigher;
    private volatile Slot<K, V> slot;

    /**
     * @param maxWeight the most the entries of one version may weigh together
     * @param weigher the weight of one entry (at least 1)
     */
    public VersionedCache(long maxWeight, Weigher<K, V> weigher) {
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    /** The value of {@code key} at {@code version}, computed once per version while it stays in the cache. */
    public V get(ProductView.Version version, K key, Function<? super K, ? extends V> compute) {
        Slot<K, V> current = slot;
        if (current == null || !current.version().equals(version)) {
            current = slotFor(version);
            if (current == null) {
                return compute.apply(key);
            }
        }
        return current.cache().get(key, compute);
    }

    /** Entries held now (for tests and diagnostics). */
    public long size() {
        Slot<K, V> current = slot;
        return current == null ? 0 : current.cache().estimatedSize();
    }

    private synchronized Slot<K, V> slotFor(ProductView.Version version) {
        Slot<K, V> current = slot;
        if (current != null && current.version().equals(version)) {
            return current;
        }
        if (current != null && !version.isNewerThan(current.version())) {
            return null;
        }
        Slot<K, V> fresh = new Slot<>(version, Caffeine.newBuilder().maximumWeight(maxWeight).weigher(weigher).build());
        slot = fresh;
        return fresh;
    }
}
