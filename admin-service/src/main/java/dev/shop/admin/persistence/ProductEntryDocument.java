package dev.shop.admin.persistence;

import java.time.Instant;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * One product in the product and stock summary (read model of {@code shop.catalog.products.v1} and
 * {@code shop.catalog.inventory.v1}). The snapshot fields are replaced only by a snapshot of a higher {@code version};
 * a deleted product stays deleted.
 */
@MongoEntity(collection = ReadModelCollections.PRODUCTS)
public class ProductEntryDocument {
    public String id;
    public String sku;
    public String name;
    public String slug;
    public String brand;
    public String categoryId;
    public MoneyDocument price;
    public MoneyDocument effectivePrice;
    public int stock;
    public String status;
    public String imageUrl;
    public long version;
    public Instant updatedAt;
    public boolean deleted;
    public Instant deletedAt;
    public Instant lowStockAt;
    public Instant adjustedAt;
    public Integer lowStockLevel;
    public Adjustment lastAdjustment;

    public static class Adjustment {
        public int delta;
        public int previousStock;
        public int newStock;
        public String reason;
        public String actorId;
        public Instant at;
    }
}
