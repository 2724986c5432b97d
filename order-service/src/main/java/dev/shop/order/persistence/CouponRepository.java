package dev.shop.order.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import dev.shop.kit.page.PageRequest;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;

/**
 * Reads of coupons, and the atomic counting of their use. A use is one conditional {@code updateOne} of the coupon's
 * document: it matches only while the coupon still has the rules the discount was computed with ({@code version}), is
 * not deleted, has uses left in all and for the customer, and does not count the order yet; it then increments both
 * counters and records the order, all in the same document. N concurrent claims for the last K uses therefore succeed
 * exactly K times, and no order is counted twice; giving a use back is the mirror image, conditional on the order being
 * recorded. (Counters read back from {@code findOneAndUpdate} are not used: the embedded server returns stale values
 * under concurrency; the matched count of {@code updateOne} is exact.)
 */
@ApplicationScoped
public class CouponRepository implements ReactivePanacheMongoRepositoryBase<CouponDocument, ObjectId> {

    /** One page of coupons and how many there are in all. */
    public record Slice(List<CouponDocument> items, long total) {
    }

    /** The coupon with that (upper-case) code, deleted or not. */
    public Uni<Optional<CouponDocument>> findByCode(String code) {
        return mongoCollection().find(Filters.eq("code", code)).collect().first().map(Optional::ofNullable);
    }

    /** Coupons that are not deleted, newest first. */
    public Uni<Slice> live(PageRequest page) {
        Bson filter = Filters.eq("deleted", false);
        FindOptions options = new FindOptions().sort(Sorts.descending("createdAt", "_id")).skip(page.offset())
                .limit(page.size());
        return Uni.combine().all()
                .unis(mongoCollection().find(filter, options).collect().asList(),
                        mongoCollection().countDocuments(filter))
                .asTuple().map(t -> new Slice(t.getItem1(), t.getItem2()));
    }

    /**
     * Counts one use of the coupon by {@code orderId} of {@code customer}, if the limits still allow it and the rules
     * are still those of {@code version}.
     *
     * @return whether the use was counted
     */
    public Uni<Boolean> claim(ObjectId couponId, long version, Integer maxUses, Integer maxUsesPerCustomer,
            String orderId, String customer, Instant now) {
        String customerField = "customerUses." + customer;
        List<Bson> conditions = new ArrayList<>(List.of(Filters.eq("_id", couponId), Filters.eq("version", version),
                Filters.eq("deleted", false), Filters.ne("redemptions.orderId", orderId)));
        if (maxUses != null) {
            conditions.add(Filters.lt("uses", maxUses));
        }
        if (maxUsesPerCustomer != null) {
            conditions.add(Filters.or(Filters.exists(customerField, false),
                    Filters.lt(customerField, maxUsesPerCustomer)));
        }
        Document redemption = new Document("orderId", orderId).append("customer", customer).append("at", now)
                .append("placed", false);
        return mongoCollection().updateOne(Filters.and(conditions),
                Updates.combine(Updates.inc("uses", 1), Updates.inc(customerField, 1),
                        Updates.push("redemptions", redemption)))
                .map(result -> result.getMatchedCount() == 1);
    }

    /**
     * Gives back the use {@code orderId} holds of {@code couponId}, if it holds one.
     *
     * @return whether a use was given back
     */
    public Uni<Boolean> release(ObjectId couponId, String orderId, String customer) {
        return mongoCollection().updateOne(
                Filters.and(Filters.eq("_id", couponId), Filters.eq("redemptions.orderId", orderId)),
                Updates.combine(Updates.inc("uses", -1), Updates.inc("customerUses." + customer, -1),
                        Updates.pull("redemptions", new Document("orderId", orderId))))
                .map(result -> result.getMatchedCount() == 1);
    }

    /** The coupon {@code orderId} holds a use of, if any. */
    public Uni<Optional<CouponDocument>> holding(String orderId) {
        return mongoCollection().find(Filters.eq("redemptions.orderId", orderId)).collect().first()
                .map(Optional::ofNullable);
    }

    /** Notes that the order holding a use exists, so the sweep of abandoned claims leaves it alone. */
    public Uni<Void> placed(ObjectId couponId, String orderId) {
        return mongoCollection().updateOne(
                Filters.and(Filters.eq("_id", couponId), Filters.eq("redemptions.orderId", orderId)),
                Updates.set("redemptions.$.placed", true)).replaceWithVoid();
    }

    /** Coupons holding uses claimed before {@code before} by orders not known to exist. */
    public Uni<List<CouponDocument>> withUnplacedClaims(Instant before, int limit) {
        return mongoCollection()
                .find(Filters.elemMatch("redemptions",
                        Filters.and(Filters.eq("placed", false), Filters.lt("at", before))),
                        new FindOptions().limit(limit))
                .collect().asList();
    }
}
