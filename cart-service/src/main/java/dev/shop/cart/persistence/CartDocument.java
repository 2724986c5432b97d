package dev.shop.cart.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.shop.kit.outbox.OutboxEvent;
import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * One cart, whole: its lines with what the owner was last shown, the orders already taken out of it and the guest
 * carts already merged into it. Written only by the aggregate store (one conditional update on {@code version}).
 * The id names the owner: {@code user:<userId>} or {@code guest:<sha-256 of the cart token>}.
 */
@MongoEntity(collection = CartDocument.COLLECTION)
public class CartDocument {

    public static final String COLLECTION = "carts";

    public String id;
    /** The customer; absent for a guest cart. */
    public String userId;
    /** SHA-256 of the guest's cart token; absent for a customer's cart. */
    public String guestTokenHash;
    public List<LineDocument> lines = new ArrayList<>();
    public Instant createdAt;
    public Instant updatedAt;
    public Instant lastActiveAt;
    /** Guest carts only: when the cart is gone if nobody uses it (a TTL index on real MongoDB; checked in code). */
    public Instant expiresAt;
    public List<String> appliedOrders = new ArrayList<>();
    public List<String> mergedCarts = new ArrayList<>();
    public long version;
    /** The aggregate store's outbox; a cart announces nothing, so it stays empty. */
    public List<OutboxEvent> outbox = new ArrayList<>();

    public static class LineDocument {
        public String productId;
        public int quantity;
        public Instant addedAt;
        public Long seenPrice;
        public String seenCurrency;
        public boolean seenAvailable;
        public String notice;
    }
}
