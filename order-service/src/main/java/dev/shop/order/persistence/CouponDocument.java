package dev.shop.order.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.types.ObjectId;

import dev.shop.kit.outbox.OutboxEvent;
import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * A coupon as stored: its rules, changed by admins through the aggregate store (conditional on {@code version}), and its
 * usage, counted by the atomic conditional updates of {@link CouponRepository}: {@code uses} (all orders),
 * {@code customerUses} (per customer key) and {@code redemptions} (the orders that use it, so a use is taken and given
 * back exactly once per order). The usage is changed only there, never by a rules change.
 */
@MongoEntity(collection = CouponDocument.COLLECTION)
public class CouponDocument {

    public static final String COLLECTION = "coupons";

    public ObjectId id;
    /** Upper case; unique (index {@code coupon_code}), also after the coupon is deleted. */
    public String code;
    public String kind;
    public long value;
    public String currency;
    public Long maxDiscount;
    public long minSubtotal;
    public Instant validFrom;
    public Instant validTo;
    public Integer maxUses;
    public Integer maxUsesPerCustomer;
    public List<String> productIds = new ArrayList<>();
    public List<String> categoryIds = new ArrayList<>();
    public boolean deleted;
    public int uses;
    public Map<String, Integer> customerUses = new LinkedHashMap<>();
    public List<RedemptionDocument> redemptions = new ArrayList<>();
    public Instant createdAt;
    public Instant updatedAt;
    public long version;
    /** Coupons announce nothing; the aggregate store's document shape has an outbox all the same. */
    public List<OutboxEvent> outbox = new ArrayList<>();

    public static class RedemptionDocument {
        public String orderId;
        public String customer;
        public Instant at;
        public boolean placed;
    }
}
