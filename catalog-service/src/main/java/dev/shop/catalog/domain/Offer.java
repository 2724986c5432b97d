package dev.shop.catalog.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.shop.contracts.http.Problem;

/**
 * A timed percentage discount. It applies while {@code validFrom <= now < validTo}; outside the window the list price
 * applies.
 */
public record Offer(int percent, Instant validFrom, Instant validTo, String label) {

    public static final int MIN_PERCENT = 1;
    public static final int MAX_PERCENT = 90;

    /** What is wrong with an offer, with field names under {@code prefix} (e.g. {@code offer.validTo}). */
    public static List<Problem.Violation> check(String prefix, Integer percent, Instant validFrom, Instant validTo) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (percent == null || percent < MIN_PERCENT || percent > MAX_PERCENT) {
            violations.add(new Problem.Violation(prefix + ".percent",
                    "must be between " + MIN_PERCENT + " and " + MAX_PERCENT));
        }
        if (validFrom == null) {
            violations.add(new Problem.Violation(prefix + ".validFrom", "must not be null"));
        }
        if (validTo == null) {
            violations.add(new Problem.Violation(prefix + ".validTo", "must not be null"));
        }
        if (validFrom != null && validTo != null && !validTo.isAfter(validFrom)) {
            violations.add(new Problem.Violation(prefix + ".validTo", "must be after validFrom"));
        }
        return violations;
    }

    public boolean activeAt(Instant now) {
        return !now.isBefore(validFrom) && now.isBefore(validTo);
    }

    /** The next moment after {@code now} at which the offer starts or ends; null when it has ended. */
    public Instant nextChangeAfter(Instant now) {
        if (now.isBefore(validFrom)) {
            return validFrom;
        }
        return now.isBefore(validTo) ? validTo : null;
    }

    /** The discounted price in minor units; the discount is rounded half up to the nearest minor unit. */
    public long applyTo(long price) {
        long discount = (price * percent + 50) / 100;
        return price - discount;
    }
}
