package dev.shop.order.persistence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;

import org.bson.types.ObjectId;

import dev.shop.kit.aggregate.AggregateMapper;
import dev.shop.order.domain.Coupon;
import dev.shop.order.domain.CouponKind;
import dev.shop.order.domain.CouponRules;
import dev.shop.order.persistence.CouponDocument.RedemptionDocument;

/** {@link Coupon} ↔ {@link CouponDocument}. */
public final class CouponMapper implements AggregateMapper<Coupon, CouponDocument> {

    @Override
    public Coupon toDomain(CouponDocument d) {
        CouponRules rules = new CouponRules(CouponKind.valueOf(d.kind), d.value, d.currency, d.maxDiscount,
                d.minSubtotal, d.validFrom, d.validTo, d.maxUses, d.maxUsesPerCustomer,
                d.productIds == null ? null : new LinkedHashSet<>(d.productIds),
                d.categoryIds == null ? null : new LinkedHashSet<>(d.categoryIds));
        return new Coupon(d.id.toHexString(), d.code, rules, d.deleted, d.uses, d.customerUses,
                d.redemptions == null ? null
                        : d.redemptions.stream()
                                .map(r -> new Coupon.Redemption(r.orderId, r.customer, r.at, r.placed)).toList(),
                d.createdAt, d.updatedAt, d.version);
    }

    @Override
    public CouponDocument toDocument(Coupon c) {
        CouponDocument d = new CouponDocument();
        d.id = new ObjectId(c.id());
        d.code = c.code();
        CouponRules r = c.rules();
        d.kind = r.kind().name();
        d.value = r.value();
        d.currency = r.currency();
        d.maxDiscount = r.maxDiscount();
        d.minSubtotal = r.minSubtotal();
        d.validFrom = r.validFrom();
        d.validTo = r.validTo();
        d.maxUses = r.maxUses();
        d.maxUsesPerCustomer = r.maxUsesPerCustomer();
        d.productIds = new ArrayList<>(r.productIds().stream().sorted().toList());
        d.categoryIds = new ArrayList<>(r.categoryIds().stream().sorted().toList());
        d.deleted = c.deleted();
        d.uses = c.uses();
        d.customerUses = new LinkedHashMap<>(c.customerUses());
        d.redemptions = new ArrayList<>(c.redemptions().stream().map(x -> {
            RedemptionDocument doc = new RedemptionDocument();
            doc.orderId = x.orderId();
            doc.customer = x.customer();
            doc.at = x.at();
            doc.placed = x.placed();
            return doc;
        }).toList());
        d.createdAt = c.createdAt();
        d.updatedAt = c.updatedAt();
        d.version = c.version();
        return d;
    }
}
