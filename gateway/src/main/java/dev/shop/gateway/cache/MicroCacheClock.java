package dev.shop.gateway.cache;

import jakarta.enterprise.context.ApplicationScoped;

/** The micro-cache's time source (monotonic nanoseconds), a bean of its own so tests can move time forward. */
@ApplicationScoped
public class MicroCacheClock {

    public long nanoTime() {
        return System.nanoTime();
    }
}
