package dev.shop.order.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds or a deadline passes: tests wait for asynchronous effects without fixed sleeps. */
public final class Eventually {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private Eventually() {
    }

    /** The first value of {@code read} that satisfies {@code condition}; fails with the last value after the deadline. */
    public static <T> T await(Supplier<T> read, Predicate<T> condition, String description) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = read.get();
            if (last != null && condition.test(last)) {
                return last;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + description, e);
            }
        }
        throw new AssertionError("within " + WAIT + ": expected " + description + ", last seen: " + last);
    }
}
