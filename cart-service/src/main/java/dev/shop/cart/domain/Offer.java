package dev.shop.cart.domain;

import java.time.Instant;

/**
 * A timed percentage discount as the catalogue announces it. It applies while {@code validFrom <= now < validTo};
 * outside the window the list price applies. The rule is the catalogue's (the discount is rounded half up to the
 * nearest minor unit), so a cart shows the price the product page shows.
 *
 * @param percent discount in percent
 * @param validFrom start of the window (inclusive)
 * @param validTo end of the window (exclusive)
 * @param label text shown with the offer, may be absent
 */
public record Offer(int percent, Instant validFrom, Instant validTo, String label) {

    public boolean activeAt(Instant now) {
        return validFrom != null && validTo != null && !now.isBefore(validFrom) && now.isBefore(validTo)
                && percent > 0 && percent < 100;
    }

    /** The discounted amount in minor units. */
    public long applyTo(long amount) {
        long discount = (amount * percent + 50) / 100;
        return amount - discount;
    }
}
