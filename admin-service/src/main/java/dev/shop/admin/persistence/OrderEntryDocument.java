package dev.shop.admin.persistence;

import java.time.Instant;
import java.util.List;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * One order in the order index (read model of {@code shop.orders.v1}). Details come from {@code OrderPlaced}; the
 * status is the one with the highest {@code statusPosition} seen so far (see {@code OrderProgress}); every status seen
 * is in {@code history}. Card payments add their deadline, the latest failed attempt and the refunds made.
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
    public Instant paymentDueBy;
    /** Failed card payments so far (the guard of {@link #lastPaymentFailure}). */
    public Integer paymentFailures;
    public PaymentFailure lastPaymentFailure;
    public List<Refund> refunds;
    /** Guard of {@link #refundDue}: {@code OrderProgress.REFUND_DECIDED} or {@code REFUND_SETTLED}. */
    public Integer refundStage;

    public static class Line {
        public String productId;
        public String sku;
        public String name;
        public MoneyDocument unitPrice;
        public int quantity;
        public MoneyDocument lineTotal;
    }

    public static class PaymentFailure {
        public int attempt;
        public String provider;
        public String reference;
        public String reason;
        public Instant at;
    }

    public static class Refund {
        public MoneyDocument amount;
        public String provider;
        public String paymentReference;
        public String refundReference;
        public String reason;
        public Instant refundedAt;
    }

    public static class StatusChange {
        public String status;
        public Instant at;
    }
}
