package dev.shop.system.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Customers for the drills, created once per run by passwordless sign-in (each with an address of its own) and shared
 * by every drill: a drill's orders are told apart by the products they buy, never by who buys them.
 */
public final class Buyers {

    private static final List<Client> POOL = new ArrayList<>();

    private Buyers() {
    }

    /** The first {@code count} buyers of the pool, creating the missing ones (16 at a time). */
    public static synchronized List<Client> take(int count) {
        int missing = count - POOL.size();
        if (missing > 0) {
            List<Callable<Client>> signUps = new ArrayList<>();
            for (int i = 0; i < missing; i++) {
                signUps.add(Client::otpCustomer);
            }
            long started = System.nanoTime();
            POOL.addAll(Parallel.run(16, signUps));
            System.out.printf("buyers: %d signed up in %.1f s%n", missing, (System.nanoTime() - started) / 1e9);
        }
        return List.copyOf(POOL.subList(0, count));
    }
}
