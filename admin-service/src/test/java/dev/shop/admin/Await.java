package dev.shop.admin;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds, with a deadline: outcomes are never decided by sleeping. */
public final class Await {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private Await() {
    }

    public static <T> T until(String what, Supplier<T> probe, Predicate<T> done) {
        return until(what, probe, done, WAIT);
    }

    public static <T> T until(String what, Supplier<T> probe, Predicate<T> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        RuntimeException lastFailure = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.get();
                lastFailure = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastFailure = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
        AssertionError error = new AssertionError("timed out after " + timeout + " waiting for " + what
                + "; last seen: " + last);
        if (lastFailure != null) {
            error.initCause(lastFailure);
        }
        throw error;
    }
}
