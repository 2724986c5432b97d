package dev.shop.system.support;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Indian mobile numbers no other test of this run uses. Consecutive numbers differ in the digits before the last three,
 * so they fall into different number blocks of auth-service's per-block OTP budget, like real customers' numbers.
 */
public final class Phones {

    private static final String RUN = String.format("%02d", new SecureRandom().nextInt(100));
    private static final AtomicInteger NEXT = new AtomicInteger(new SecureRandom().nextInt(1000) * 1000);

    private Phones() {
    }

    public static String next() {
        int n = NEXT.incrementAndGet() % 1_000_000;
        return "+9198" + RUN + String.format("%03d%03d", n % 1000, n / 1000);
    }
}
