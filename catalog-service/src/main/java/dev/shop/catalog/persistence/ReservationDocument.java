package dev.shop.catalog.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.shop.kit.outbox.OutboxEvent;
import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * A {@link dev.shop.catalog.domain.StockReservation} as stored (see ReservationMapper): what was asked, what was
 * decided, and the inventory events announcing it (outbox), written by the kit's aggregate store. {@code _id} is the order id,
 * so an order has one reservation however often its events are
 * delivered. What is actually held lives on the products themselves (their {@code holds}).
 */
@MongoEntity(collection = "stock_reservations")
public class ReservationDocument {

    public static final String COLLECTION = "stock_reservations";

    public String id;
    public String userId;
    public String status;
    public List<LineDocument> lines = new ArrayList<>();
    public List<RejectionDocument> rejections = new ArrayList<>();
    public String releaseReason;
    /** The status a release started from (PENDING only after a crash interrupted the reservation). */
    public String releasedFrom;
    public boolean sold;
    public Instant createdAt;
    public Instant decidedAt;
    public Instant releasedAt;
    public Instant completedAt;
    public long version;
    public List<OutboxEvent> outbox = new ArrayList<>();

    public static class LineDocument {
        public String productId;
        public String sku;
        public int quantity;

        public LineDocument() {
        }

        public LineDocument(String productId, String sku, int quantity) {
            this.productId = productId;
            this.sku = sku;
            this.quantity = quantity;
        }
    }

    public static class RejectionDocument {
        public String productId;
        public int requested;
        public int available;
        public String reason;

        public RejectionDocument() {
        }

        public RejectionDocument(String productId, int requested, int available, String reason) {
            this.productId = productId;
            this.requested = requested;
            this.available = available;
            this.reason = reason;
        }
    }
}
