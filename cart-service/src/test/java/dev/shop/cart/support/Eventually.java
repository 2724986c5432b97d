package dev.shop.cart.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds or a deadline passes; never decides an outcome by sleeping. */
public final class Eventually {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private Eventually() {
    }

    /** The first value of {@code read} that satisfies {@code done}; fails with the last value at the deadline. */
    public static <T> T await(String what, Supplier<T> read, Predicate<T> done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = read.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + WAIT + " waiting for " + what + "; last: " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = read.get();
        }
        return last;
    }
}
