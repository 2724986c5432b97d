package dev.shop.contracts.catalog;

import java.time.Instant;

/**
 * A timed percentage discount on a product. The product's effective price is discounted while
 * {@code validFrom <= now < validTo}.
 *
 * @param percent discount in percent, 1..90
 * @param validFrom start of the window (inclusive)
 * @param validTo end of the window (exclusive)
 * @param label text shown with the offer, e.g. {@code Diwali sale}
 */
public record Offer(int percent, Instant validFrom, Instant validTo, String label) {
}
