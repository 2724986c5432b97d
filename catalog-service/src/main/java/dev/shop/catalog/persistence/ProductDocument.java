package dev.shop.catalog.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.types.ObjectId;

import dev.shop.catalog.domain.Fitment;
import dev.shop.catalog.domain.Offer;
import dev.shop.catalog.domain.ProductImage;
import dev.shop.kit.outbox.OutboxEvent;
import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * A product and everything that must change atomically with it: stock and the per-order holds on it (so a redelivered
 * or re-run reservation can never take stock twice), and the pending events (outbox). Mapped by ProductMapper; written
 * by the kit's aggregate store (conditional on {@code revision}) and by the stock saga's atomic updates in
 * ProductRepository, only with targeted updates ({@code $set}, {@code $inc}, {@code $push}), never replaced whole.
 */
@MongoEntity(collection = "products")
public class ProductDocument {

    public static final String COLLECTION = "products";

    public ObjectId id;
    public String sku;
    public String name;
    public String slug;
    public String description;
    public String brand;
    public List<FitmentDocument> models = new ArrayList<>();
    /** {@code BRAND:MODEL} of every fitment, for reference counts and filters. */
    public List<String> fitmentKeys = new ArrayList<>();
    /** The product's brand and the brands of its fitment, for reference counts. */
    public List<String> brandKeys = new ArrayList<>();
    public String categoryId;
    public Map<String, String> attributes = new LinkedHashMap<>();
    public long price;
    public String currency;
    public OfferDocument offer;
    public int stock;
    /** The stock level last announced in a ProductUpdated event; see StockLevels. */
    public int publishedStock;
    /** Set with every stock change, cleared once the new level is announced. */
    public boolean stockDirty;
    public String status;
    public List<ImageDocument> images = new ArrayList<>();
    public int imageCount;
    public int ratingCount;
    public long ratingSum;
    public long soldCount;
    public List<HoldDocument> holds = new ArrayList<>();
    public boolean deleted;
    public Instant deletedAt;
    public Instant createdAt;
    public Instant updatedAt;
    /** Set by every write, so other instances' views pick the change up. */
    public Instant touchedAt;
    /** Incremented by every write; a view never replaces a newer revision with an older one. */
    public long revision;
    public long version;
    public List<OutboxEvent> outbox = new ArrayList<>();

    public boolean holds(String orderId) {
        return holds != null && holds.stream().anyMatch(h -> orderId.equals(h.orderId));
    }

    public static class FitmentDocument {
        public String brand;
        public String model;

        public FitmentDocument() {
        }

        public FitmentDocument(Fitment fitment) {
            this.brand = fitment.brand();
            this.model = fitment.model();
        }

        public Fitment toDomain() {
            return new Fitment(brand, model);
        }
    }

    public static class OfferDocument {
        public int percent;
        public Instant validFrom;
        public Instant validTo;
        public String label;

        public OfferDocument() {
        }

        public OfferDocument(Offer offer) {
            this.percent = offer.percent();
            this.validFrom = offer.validFrom();
            this.validTo = offer.validTo();
            this.label = offer.label();
        }

        public Offer toDomain() {
            return new Offer(percent, validFrom, validTo, label);
        }
    }

    public static class ImageDocument {
        /** The GridFS file id (not {@code id}: the POJO codec would store that as {@code _id}). */
        public String mediaId;
        public String contentType;
        public long size;
        public String alt;

        public ImageDocument() {
        }

        public ImageDocument(ProductImage image) {
            this.mediaId = image.id();
            this.contentType = image.contentType();
            this.size = image.size();
            this.alt = image.alt();
        }

        public ProductImage toDomain() {
            return new ProductImage(mediaId, contentType, size, alt);
        }
    }

    /** Units held on this product for one order, until the order is delivered, cancelled or rejected. */
    public static class HoldDocument {
        public String orderId;
        public int quantity;
        /** Counted in {@code soldCount} (the order was confirmed or paid). */
        public boolean sold;
        public Instant at;
    }
}
