package dev.shop.system.support;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Bounded polling: asks again until the answer is what the test waits for, or the deadline passes (then the test fails
 * with the last answer). Never a sleep that decides an outcome.
 */
public final class Await {

    private static final Duration INTERVAL = Duration.ofMillis(200);

    private Await() {
    }

    public static <T> T until(String what, Duration timeout, Callable<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        Exception lastError = null;
        while (true) {
            try {
                last = probe.call();
                lastError = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (Exception e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError failure = new AssertionError("not within " + timeout.toSeconds() + " s: " + what
                        + "; last answer: " + (lastError != null ? lastError : last));
                if (lastError != null) {
                    failure.initCause(lastError);
                }
                throw failure;
            }
            pause(INTERVAL);
        }
    }

    /** Waits a little between two probes; only ever used between polls, never to decide anything. */
    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
