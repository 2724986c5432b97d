package dev.shop.kit.aggregate;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * Tells whoever waits in this process that an aggregate was written: every {@link AggregateStore} signals each
 * insert and change it stored. It is what lets a request wait for a change (an order leaving {@code PENDING}) without
 * reading the document again and again. It only knows this process's writes: a waiter must still read again now and
 * then for changes another instance made.
 * <p>
 * Register before reading the current state ({@link #next}), then read, then wait for the signal: a write between the
 * two is never missed. {@link #forget} a signal that is no longer awaited.
 */
@ApplicationScoped
public class AggregateWrites {

    private record Key(String collection, Object id) {
    }

    private final ConcurrentHashMap<Key, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();

    /** Completes at the next write of this process to the document {@code id} of {@code collection}. */
    public CompletableFuture<Void> next(String collection, Object id) {
        CompletableFuture<Void> signal = new CompletableFuture<>();
        waiting.compute(new Key(collection, plain(id)), (key, signals) -> {
            Set<CompletableFuture<Void>> set = signals == null ? ConcurrentHashMap.newKeySet() : signals;
            set.add(signal);
            return set;
        });
        return signal;
    }

    /** Drops a signal nobody waits for any more. */
    public void forget(String collection, Object id, CompletableFuture<Void> signal) {
        waiting.computeIfPresent(new Key(collection, plain(id)), (key, signals) -> {
            signals.remove(signal);
            return signals.isEmpty() ? null : signals;
        });
    }

    /** How many signals are registered now. */
    public int waiting() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }

    void written(String collection, Object id) {
        if (waiting.isEmpty()) {
            return;
        }
        Set<CompletableFuture<Void>> signals = waiting.remove(new Key(collection, plain(id)));
        if (signals != null) {
            signals.forEach(signal -> signal.complete(null));
        }
    }

    /** The driver's value of an id, whether it came as a BSON value or as itself. */
    private static Object plain(Object id) {
        if (id instanceof BsonObjectId objectId) {
            return objectId.getValue();
        }
        if (id instanceof BsonString string) {
            return string.getValue();
        }
        if (id instanceof BsonValue value && value.isNumber()) {
            return value.asNumber().longValue();
        }
        return id;
    }
}
