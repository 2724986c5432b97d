package dev.shop.order.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * The analytics' memory of one order (keyed by order id): what it is worth, and whether its sale is counted. It makes
 * counting and uncounting happen once per order, and remembers the day a sale was counted on, so a cancellation
 * takes it back from the same day. PLACED, then COUNTING, COUNTED, and on a cancellation REVERTING, REVERTED (see
 * {@link SalesLedger} for how each step is made exactly once).
 */
@MongoEntity(collection = SalesLedger.ORDERS)
public class SaleDocument {

    /** Placed, not sold yet. */
    public static final String PLACED = "PLACED";
    /** Being added to the counters (a crash in between is finished by the redelivery). */
    public static final String COUNTING = "COUNTING";
    /** Counted as sold. */
    public static final String COUNTED = "COUNTED";
    /** Being taken back out of the counters. */
    public static final String REVERTING = "REVERTING";
    /** Cancelled or rejected: not (or no longer) counted, and never counted again. */
    public static final String REVERTED = "REVERTED";

    public String id;
    public String state;
    public MoneyDocument total;
    public List<SoldLine> lines = new ArrayList<>();
    public Instant placedAt;
    /** The day (in the analytics time zone) the sale counts on. */
    public String day;
    public Instant countedAt;
    /**
     * The state the sale was reverted from: COUNTED (every counter counts it) or COUNTING (only those listing it in
     * {@code applied} do). Absent on sales reverted before it was recorded, which all count where they are listed.
     */
    public String revertingFrom;
    public Instant revertedAt;

    public static class SoldLine {
        public String productId;
        public String sku;
        public String name;
        public MoneyDocument unitPrice;
        public int quantity;
    }
}
