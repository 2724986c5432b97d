package dev.shop.order.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.types.ObjectId;

import dev.shop.kit.outbox.OutboxEvent;
import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * An order as stored, with its pending events ({@code outbox}) written by the same update as the state they announce.
 * Orders are never deleted. Field names follow the API's order representation.
 */
@MongoEntity(collection = OrderDocument.COLLECTION)
public class OrderDocument {

    public static final String COLLECTION = "orders";

    public ObjectId id;
    public String number;
    public String userId;
    public String status;
    public List<LineDocument> lines = new ArrayList<>();
    public MoneyDocument subtotal;
    public MoneyDocument discountTotal;
    public MoneyDocument shippingTotal;
    public MoneyDocument total;
    public AddressDocument shippingAddress;
    public PaymentDocument payment;
    public List<StatusChangeDocument> statusHistory = new ArrayList<>();
    public ShipmentDocument shipment;
    public CancellationDocument cancellation;
    public RejectionDocument rejection;
    public String note;
    public String couponCode;
    /** Unique per customer (index {@code userId, idempotencyKey}): the claim of the client's Idempotency-Key. */
    public String idempotencyKey;
    public String requestFingerprint;
    public List<PriceChangeDocument> priceChanges = new ArrayList<>();
    /** The {@code updatedAt} of the cart the order was placed from (cart-service's clock). */
    public Instant cartAsOf;
    public int redrives;
    public Instant lastRedriveAt;
    public Instant createdAt;
    public Instant updatedAt;
    public long version;
    public List<OutboxEvent> outbox = new ArrayList<>();

    public static class LineDocument {
        public String productId;
        public String sku;
        public String name;
        public String image;
        public MoneyDocument unitPrice;
        public int quantity;
        public MoneyDocument discount;
        public MoneyDocument lineTotal;
    }

    public static class AddressDocument {
        public String fullName;
        public String phoneNumber;
        public String line1;
        public String line2;
        public String landmark;
        public String city;
        public String state;
        public String postalCode;
        public String country;
    }

    public static class PaymentDocument {
        public String method;
        public String status;
        public String provider;
        public String reference;
        public Instant dueBy;
        public SessionDocument session;
        public List<AttemptDocument> attempts = new ArrayList<>();
        public List<RefundDocument> refunds = new ArrayList<>();
    }

    public static class SessionDocument {
        public String id;
        public String provider;
        public String clientSecret;
        public String redirectUrl;
        public MoneyDocument amount;
        public Instant createdAt;
        public Instant expiresAt;
    }

    public static class AttemptDocument {
        public String provider;
        public String reference;
        public String sessionId;
        public String outcome;
        public MoneyDocument amount;
        public String reason;
        public Instant at;
    }

    /** {@code status} is indexed: the refund sweeper looks for {@code DUE}. */
    public static class RefundDocument {
        public String provider;
        public String paymentReference;
        public MoneyDocument amount;
        public String reason;
        public String status;
        public String refundReference;
        public Instant requestedAt;
        public Instant refundedAt;
    }

    public static class StatusChangeDocument {
        public String status;
        public Instant at;
        public String reason;
    }

    public static class ShipmentDocument {
        public String carrier;
        public String trackingNumber;
        public Instant shippedAt;
    }

    public static class CancellationDocument {
        public String by;
        public String reason;
        public String previousStatus;
        public boolean refundDue;
        public Instant at;
    }

    public static class RejectionDocument {
        public String reason;
        public String detail;
        public List<RejectedLineDocument> lines = new ArrayList<>();
        public Instant at;
    }

    public static class RejectedLineDocument {
        public String productId;
        public int requested;
        public int available;
        public String reason;
    }

    public static class PriceChangeDocument {
        public String productId;
        public String name;
        public MoneyDocument cartPrice;
        public MoneyDocument price;
    }
}
