package dev.shop.gateway.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.quarkus.test.junit.QuarkusMock;

/**
 * The micro-cache's clock standing still until a test moves it, installed for one test with {@link #install()}: the
 * cache's lifetimes are then checked without waiting and without depending on how fast a loaded machine runs.
 */
public class ManualClock extends MicroCacheClock {

    private final AtomicLong now = new AtomicLong(System.nanoTime());

    /** A clock at the current time, used by the application's micro-cache until the end of the current test. */
    public static ManualClock install() {
        ManualClock clock = new ManualClock();
        QuarkusMock.installMockForType(clock, MicroCacheClock.class);
        return clock;
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    public void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
