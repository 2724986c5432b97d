package dev.shop.catalog.domain;

import java.time.Instant;

/** A customer's review of a product: one per customer and product. */
public record Review(String id, String productId, String userId, String authorName, int rating, String title,
        String body, boolean verifiedPurchase, Instant createdAt, Instant updatedAt, long version) {

    public static final int MIN_RATING = 1;
    public static final int MAX_RATING = 5;
    public static final int MAX_TITLE = 120;
    public static final int MAX_BODY = 4000;

    public boolean isBy(String user) {
        return userId.equals(user);
    }

    /** The review as its author rewrote it. */
    public Review edit(int newRating, String newTitle, String newBody, Instant now) {
        return new Review(id, productId, userId, authorName, newRating, newTitle, newBody, verifiedPurchase, createdAt,
                now, version);
    }
}
