package dev.shop.admin.persistence;

import java.time.Instant;
import java.util.List;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * One order in the order index (read model of {@code shop.orders.v1}). Details come from {@code OrderPlaced}; the
 * status is the one with the highest {@code statusPosition} seen so far (see {@code OrderProgress}); every status seen
 * is in {@code history}.
 */
@MongoEntity(collection = ReadModelCollections.ORDERS)
public class OrderEntryDocument {
    public String id;
    public String number;
    public String userId;
    public List<Line> lines;
    public MoneyDocument subtotal;
    public MoneyDocument discountTotal;
    public MoneyDocument shippingTotal;
    public MoneyDocument total;
    public String paymentMethod;
    public Instant placedAt;
    public String placedDay;
    public String status;
    public long statusPosition;
    public Instant statusAt;
    public List<StatusChange> history;
    public String carrier;
    public String trackingNumber;
    public String paymentProvider;
    public String paymentReference;
    public String cancelReason;
    public String cancelledBy;
    public Boolean refundDue;
    public String rejectReason;
    public String rejectDetail;

    public static class Line {
        public String productId;
        public String sku;
        public String name;
        public MoneyDocument unitPrice;
        public int quantity;
        public MoneyDocument lineTotal;
    }

    public static class StatusChange {
        public String status;
        public Instant at;
    }
}
