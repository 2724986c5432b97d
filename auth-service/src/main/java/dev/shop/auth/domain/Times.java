package dev.shop.auth.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The current instant at the precision MongoDB stores (milliseconds), so stored and computed times compare equal. */
public final class Times {

    private Times() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
