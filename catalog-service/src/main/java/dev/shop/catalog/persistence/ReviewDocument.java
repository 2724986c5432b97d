package dev.shop.catalog.persistence;

import java.time.Instant;

import org.bson.types.ObjectId;

import dev.shop.catalog.domain.Review;
import io.quarkus.mongodb.panache.common.MongoEntity;

/** A review; {@code ownerKey} ({@code productId:userId}) has a unique index: one review per customer and product. */
@MongoEntity(collection = "reviews")
public class ReviewDocument {
    public ObjectId id;
    public String productId;
    public String userId;
    public String ownerKey;
    public String authorName;
    public int rating;
    public String title;
    public String body;
    public boolean verifiedPurchase;
    public Instant createdAt;
    public Instant updatedAt;
    public long version;

    public static String ownerKey(String productId, String userId) {
        return productId + ":" + userId;
    }

    public Review toDomain() {
        return new Review(id.toHexString(), productId, userId, authorName, rating, title, body, verifiedPurchase,
                createdAt, updatedAt, version);
    }
}
