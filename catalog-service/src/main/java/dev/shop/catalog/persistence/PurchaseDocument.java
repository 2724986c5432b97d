package dev.shop.catalog.persistence;

import java.time.Instant;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * A customer received a product (from OrderDelivered). {@code _id} is {@code userId:productId}; it makes their review of
 * that product a verified purchase.
 */
@MongoEntity(collection = "purchases")
public class PurchaseDocument {
    public String id;
    public String userId;
    public String productId;
    public String orderId;
    public Instant deliveredAt;

    public static String key(String userId, String productId) {
        return userId + ":" + productId;
    }
}
