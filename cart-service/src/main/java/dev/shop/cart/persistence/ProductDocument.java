package dev.shop.cart.persistence;

import java.time.Instant;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * One product of the read model, as the catalogue last announced it. Replaced whole by a newer announcement; a
 * deleted product stays as a tombstone (so a late, older event cannot bring it back).
 */
@MongoEntity(collection = ProductDocument.COLLECTION)
public class ProductDocument {

    public static final String COLLECTION = "products";

    public String id;
    public String sku;
    public String name;
    public String imageUrl;
    public Long price;
    public String currency;
    public OfferDocument offer;
    public String status;
    public int stock;
    public long version;
    /** When the catalogue announced this state (the event's {@code occurredAt}, or when it was fetched). */
    public Instant announcedAt;
    /** {@code event} or {@code catalog-fetch}: how the state arrived. */
    public String source;
    public boolean deleted;
    public Instant deletedAt;

    public static class OfferDocument {
        public int percent;
        public Instant validFrom;
        public Instant validTo;
        public String label;
    }
}
