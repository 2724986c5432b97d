package dev.shop.cart.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.shop.kit.outbox.OutboxEvent;
import io.quarkus.mongodb.panache.common.MongoEntity;

/** One customer's wishlist; the id is the user id. Written only by the aggregate store. */
@MongoEntity(collection = WishlistDocument.COLLECTION)
public class WishlistDocument {

    public static final String COLLECTION = "wishlists";

    public String id;
    public List<ItemDocument> items = new ArrayList<>();
    public Instant createdAt;
    public Instant updatedAt;
    public long version;
    /** The aggregate store's outbox; a wishlist announces nothing, so it stays empty. */
    public List<OutboxEvent> outbox = new ArrayList<>();

    public static class ItemDocument {
        public String productId;
        public Instant addedAt;
    }
}
