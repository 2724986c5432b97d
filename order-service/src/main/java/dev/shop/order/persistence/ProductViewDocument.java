package dev.shop.order.persistence;

import java.time.Instant;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * What analytics shows of a product: kept from the catalogue's product events (name, image, price, category, status),
 * or, for a product sold before any of its events arrived, from the order line that sold it.
 */
@MongoEntity(collection = ProductViewRepository.COLLECTION)
public class ProductViewDocument {
    public String id;
    public String sku;
    public String name;
    public String image;
    public MoneyDocument price;
    public OfferDocument offer;
    public String categoryId;
    public String status;
    /** Deleted, or not for sale (draft, archived): left out of rankings. */
    public boolean hidden;
    public boolean deleted;
    /** The catalogue's version of the product; absent while the view only knows an order line. */
    public Long version;
    public Instant updatedAt;

    public static class OfferDocument {
        public int percent;
        public Instant validFrom;
        public Instant validTo;
    }
}
